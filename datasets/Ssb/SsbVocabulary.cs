namespace Olap.Datasets.Ssb;

/// <summary>
/// The word lists dbgen draws from (TPC-H's dists.dss as SSB uses them), in dbgen's order. Composite values
/// (cities, types, containers, brands) are built once here, so writing a row never builds a string.
/// </summary>
public static class SsbVocabulary
{
    /// <summary>Regions in TPC-H order; a nation's region is an index into this list.</summary>
    public static readonly string[] Regions = ["AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"];

    /// <summary>The 25 TPC-H nations; the phone prefix is 10 + the index here.</summary>
    public static readonly string[] Nations =
    [
        "ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA",
        "IRAN", "IRAQ", "JAPAN", "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA",
        "SAUDI ARABIA", "VIETNAM", "RUSSIA", "UNITED KINGDOM", "UNITED STATES",
    ];

    /// <summary>Region index of each nation (the "weight" column of dists.dss).</summary>
    public static readonly int[] NationRegion = [0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1];

    /// <summary>Cities per nation: dbgen's gen_city appends one digit 0-9 to the padded nation prefix.</summary>
    public const int CitiesPerNation = 10;

    /// <summary>City of (nation, digit) at nation × 10 + digit: the nation's first 9 characters, space padded, then the digit.</summary>
    public static readonly string[] Cities = BuildCities();

    /// <summary>dists.dss order, which pick_str indexes.</summary>
    public static readonly string[] MarketSegments = ["AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"];

    /// <summary>Order priorities as eyalroz's dbgen writes them (the original truncated the fourth to '4-NOT SPECI').</summary>
    public static readonly string[] OrderPriorities = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"];

    /// <summary>dists.dss order, which pick_str indexes.</summary>
    public static readonly string[] ShipModes = ["REG AIR", "AIR", "RAIL", "TRUCK", "MAIL", "FOB", "SHIP"];

    /// <summary>The 92 TPC-H colours: p_color is one of them and p_name two others.</summary>
    public static readonly string[] Colors =
    [
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush",
        "brown", "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk", "cream",
        "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted",
        "gainsboro", "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki",
        "lace", "lavender", "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium",
        "metallic", "midnight", "mint", "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid",
        "pale", "papaya", "peach", "peru", "pink", "plum", "powder", "puff", "purple", "red",
        "rose", "rosy", "royal", "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate",
        "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat",
        "white", "yellow",
    ];

    /// <summary>The 150 part types: size/finish/metal syllables in all combinations.</summary>
    public static readonly string[] PartTypes = Combine(
        ["STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"],
        ["ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"],
        ["TIN", "NICKEL", "BRASS", "STEEL", "COPPER"]);

    /// <summary>The 40 containers: size × kind, in dists.dss order.</summary>
    public static readonly string[] Containers = Combine(
        ["SM", "LG", "MED", "JUMBO", "WRAP"],
        ["CASE", "BOX", "BAG", "JAR", "PACK", "PKG", "CAN", "DRUM"]);

    public const int Manufacturers = 5;
    public const int CategoriesPerManufacturer = 5;
    public const int BrandsPerCategory = 40;

    /// <summary>'MFGR#1'..'MFGR#5', at manufacturer − 1.</summary>
    public static readonly string[] ManufacturerNames = [.. Enumerable.Range(1, Manufacturers).Select(m => $"MFGR#{m}")];

    /// <summary>'MFGR#11'..'MFGR#55', at (manufacturer − 1) × 5 + category − 1.</summary>
    public static readonly string[] CategoryNames = [.. ManufacturerNames.SelectMany(m => Enumerable.Range(1, CategoriesPerManufacturer).Select(c => $"{m}{c}"))];

    /// <summary>'MFGR#111'..'MFGR#5540' (suffix 1–40, not zero-padded), at category index × 40 + brand − 1.</summary>
    public static readonly string[] BrandNames = [.. CategoryNames.SelectMany(c => Enumerable.Range(1, BrandsPerCategory).Select(b => $"{c}{b}"))];

    public static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>Day names with Sunday first, because d_daynuminweek counts Sunday as 1.</summary>
    public static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>The 64 characters of TPC-H's random address strings, in a_rnd's order: a draw's low 6 bits index it.</summary>
    public const string AddressAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,";

    private static string[] BuildCities()
    {
        var cities = new string[Nations.Length * CitiesPerNation];
        for (var nation = 0; nation < Nations.Length; nation++)
        {
            var name = Nations[nation];
            var prefix = name.Length >= 9 ? name[..9] : name.PadRight(9);
            for (var digit = 0; digit < CitiesPerNation; digit++)
            {
                cities[(nation * CitiesPerNation) + digit] = prefix + (char)('0' + digit);
            }
        }

        return cities;
    }

    private static string[] Combine(params string[][] syllables)
    {
        string[] words = [""];
        foreach (var list in syllables)
        {
            words = [.. words.SelectMany(w => list.Select(s => w.Length == 0 ? s : w + " " + s))];
        }

        return words;
    }
}
