namespace Olap.Datasets.Ssb;

/// <summary>dbgen's gen_phone: 'CC-AAA-EEE-NNNN' where CC = 10 + nation index (dbgen takes it modulo 90; there are 25), AAA and EEE in 100–999, NNNN in 1000–9999.</summary>
public readonly record struct SsbPhone(int Nation, int AreaCode, int Exchange, int Number)
{
    internal static SsbPhone Draw(int nation, ref DbgenStream stream) =>
        new(nation, stream.Next(100, 999), stream.Next(100, 999), stream.Next(1000, 9999));

    public override string ToString() => $"{10 + Nation}-{AreaCode}-{Exchange}-{Number}";

    internal void Append(DelimitedRowWriter writer)
    {
        writer.Append(10 + Nation);
        writer.Append('-');
        writer.Append(AreaCode);
        writer.Append('-');
        writer.Append(Exchange);
        writer.Append('-');
        writer.Append(Number);
    }
}
