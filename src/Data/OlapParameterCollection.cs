using System.Collections;
using System.Data.Common;

namespace Olap.Data;

/// <summary>The parameters of an <see cref="OlapCommand"/>, in order: <c>$1</c> and the first <c>?</c> are the first.</summary>
public sealed class OlapParameterCollection : DbParameterCollection
{
    private readonly List<OlapParameter> _items = [];

    public override int Count => _items.Count;

    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    public new OlapParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public new OlapParameter this[string parameterName]
    {
        get => _items[IndexOfExisting(parameterName)];
        set => _items[IndexOfExisting(parameterName)] = value;
    }

    public OlapParameter Add(string parameterName, object? value)
    {
        var parameter = new OlapParameter(parameterName, value);
        _items.Add(parameter);
        return parameter;
    }

    /// <summary>A named parameter, as SqlClient spells it.</summary>
    public OlapParameter AddWithValue(string parameterName, object? value) => Add(parameterName, value);

    /// <summary>The next positional parameter (<c>$n</c> or the n-th <c>?</c>).</summary>
    public OlapParameter AddWithValue(object? value) => Add("", value);

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => value is OlapParameter p && _items.Contains(p);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

    public override IEnumerator GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => value is OlapParameter p ? _items.IndexOf(p) : -1;

    public override int IndexOf(string parameterName)
    {
        var name = Bare(parameterName);
        return _items.FindIndex(p => string.Equals(Bare(p.ParameterName), name, StringComparison.OrdinalIgnoreCase));
    }

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));

    public override void Remove(object value) => _items.Remove(Cast(value));

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOfExisting(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOfExisting(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOfExisting(parameterName)] = Cast(value);

    internal IReadOnlyList<OlapParameter> Items => _items;

    private static string Bare(string name) => name.TrimStart('@', ':', '$');

    private int IndexOfExisting(string parameterName)
    {
        var index = IndexOf(parameterName);
        return index >= 0 ? index : throw new IndexOutOfRangeException($"No parameter named '{parameterName}'.");
    }

    private static OlapParameter Cast(object value) => value as OlapParameter
        ?? throw new InvalidCastException($"An OlapParameterCollection holds OlapParameter objects, not {value?.GetType().Name ?? "null"}.");
}
