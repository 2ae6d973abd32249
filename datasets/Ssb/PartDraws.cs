namespace Olap.Datasets.Ssb;

/// <summary>
/// Parts in key order, drawn as dbgen's SSB mk_part draws them. The colours come from agg_str: a full shuffle of
/// the 92 colours (one draw per position, swapping it with a uniformly chosen one) whose first three are taken;
/// the first becomes p_color, the other two p_name. Manufacturer, category and brand are independent.
/// </summary>
internal struct PartDraws
{
    private DbgenStream _name;
    private DbgenStream _manufacturer;
    private DbgenStream _category;
    private DbgenStream _brand;
    private DbgenStream _type;
    private DbgenStream _size;
    private DbgenStream _container;
    private long _next;

    public PartDraws(long seed, long firstKey)
    {
        _name = SsbStreams.At(SsbStream.PartName, seed, firstKey);
        _manufacturer = SsbStreams.At(SsbStream.PartManufacturer, seed, firstKey);
        _category = SsbStreams.At(SsbStream.PartCategory, seed, firstKey);
        _brand = SsbStreams.At(SsbStream.PartBrand, seed, firstKey);
        _type = SsbStreams.At(SsbStream.PartType, seed, firstKey);
        _size = SsbStreams.At(SsbStream.PartSize, seed, firstKey);
        _container = SsbStreams.At(SsbStream.PartContainer, seed, firstKey);
        _next = firstKey;
    }

    public PartRow Next()
    {
        var colors = SsbVocabulary.Colors.Length;
        Span<byte> order = stackalloc byte[colors];
        for (var i = 0; i < colors; i++)
        {
            order[i] = (byte)i;
        }

        for (var i = 0; i < colors; i++)
        {
            var source = _name.Next(0, colors - 1);
            (order[source], order[i]) = (order[i], order[source]);
        }

        var manufacturer = _manufacturer.Next(1, SsbVocabulary.Manufacturers);
        var category = _category.Next(1, SsbVocabulary.CategoriesPerManufacturer);
        var brand = _brand.Next(1, SsbVocabulary.BrandsPerCategory);
        var type = _type.Pick(SsbVocabulary.PartTypes.Length);
        var size = _size.Next(1, 50);
        var container = _container.Pick(SsbVocabulary.Containers.Length);
        return new PartRow(_next++, order[0], order[1], order[2], manufacturer, category, brand, type, size, container);
    }
}
