using System.Globalization;

namespace PostLoan.Domain.Scoring;

public enum BinKind
{
    /// <summary>The rows where the value is missing.</summary>
    Missing,

    /// <summary>Numbers in (<see cref="Bin.Lower"/>, <see cref="Bin.Upper"/>]; a null bound is open.</summary>
    Range,

    /// <summary>The categories listed, and, when <see cref="Bin.TakesOtherCategories"/>, any category not listed in another bin.</summary>
    Categories,
}

/// <summary>
/// One bin of a variable with its training counts, its weight of evidence (WoE, the natural log of the bin's share of
/// goods over its share of bads: positive is better than average) and its part of the information value (IV).
/// </summary>
public sealed record Bin(BinKind Kind, double? Lower, double? Upper, IReadOnlyList<string> Categories, bool TakesOtherCategories,
    int Good, int Bad, double Woe, double Iv)
{
    public int Total => Good + Bad;

    public double BadRate => Total == 0 ? 0 : (double)Bad / Total;

    /// <summary>How the bin reads in a points table: <c>≤ 3</c>, <c>(3, 7]</c>, <c>&gt; 7</c>, <c>rent, owner</c>, <c>missing</c>.</summary>
    public string Label => Kind switch
    {
        BinKind.Missing => "missing",
        BinKind.Range when Lower is null && Upper is null => "any",
        BinKind.Range when Lower is null => $"≤ {Number(Upper!.Value)}",
        BinKind.Range when Upper is null => $"> {Number(Lower!.Value)}",
        BinKind.Range => $"({Number(Lower!.Value)}, {Number(Upper!.Value)}]",
        _ => string.Join(", ", Categories) + (TakesOtherCategories ? (Categories.Count > 0 ? " and any other" : "any other") : ""),
    };

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// A variable's bins: numbers in contiguous ranges, or categories in groups, and a bin of its own for missing values when
/// the training data had any. A value no bin takes (a missing value when training had none, a category never seen and no
/// bin for other categories) is neutral: WoE 0.
/// </summary>
public sealed record VariableBins(string Name, bool Numeric, IReadOnlyList<Bin> Bins)
{
    public double Iv => Bins.Sum(b => b.Iv);

    /// <summary>The index of the bin that takes the value, or -1 when none does (neutral).</summary>
    public int BinOf(double? value)
    {
        for (var i = 0; i < Bins.Count; i++)
        {
            var b = Bins[i];
            if (value is null ? b.Kind == BinKind.Missing
                : b.Kind == BinKind.Range && (b.Lower is not { } lo || value > lo) && (b.Upper is not { } hi || value <= hi)) return i;
        }
        return -1;
    }

    /// <inheritdoc cref="BinOf(double?)"/>
    public int BinOf(string? value)
    {
        var other = -1;
        for (var i = 0; i < Bins.Count; i++)
        {
            var b = Bins[i];
            if (value is null)
            {
                if (b.Kind == BinKind.Missing) return i;
                continue;
            }
            if (b.Kind != BinKind.Categories) continue;
            if (b.Categories.Contains(value, StringComparer.Ordinal)) return i;
            if (b.TakesOtherCategories) other = i;
        }
        return value is null ? -1 : other;
    }

    /// <summary>The bin of row <paramref name="row"/> of <paramref name="column"/> (a column of this variable's type).</summary>
    public int BinOf(DataColumn column, int row) => column switch
    {
        NumericColumn n when Numeric => BinOf(n.Values[row]),
        CategoricalColumn c when !Numeric => BinOf(c.Values[row]),
        _ => throw new ArgumentException($"column {column.Name} is {(column is NumericColumn ? "numeric" : "categorical")}, variable {Name} is not", nameof(column)),
    };

    public double WoeOf(int bin) => bin < 0 ? 0 : Bins[bin].Woe;
}

/// <summary>How variables are binned (docs/scoring.md).</summary>
/// <param name="FineBins">Quantile classes a numeric variable starts from, before merging.</param>
/// <param name="MinBinShare">The smallest share of the non-missing rows a bin may hold; categories below it are pooled.</param>
/// <param name="MaxBins">The most bins a variable keeps, besides its missing bin.</param>
/// <param name="Smoothing">Added to each bin's count of goods and of bads in its WoE, so that a bin without bads (or goods) has a finite one.</param>
/// <param name="Monotone">Whether a numeric variable's bad rate must rise or fall steadily across its ranges.</param>
public sealed record BinningOptions(int FineBins = 20, double MinBinShare = 0.05, int MaxBins = 8, double Smoothing = 0.5, bool Monotone = true);

/// <summary>
/// Automatic binning (coarse classing). A numeric variable starts from quantile classes; adjacent classes are merged
/// until the bad rate runs monotonically (pool-adjacent-violators, in whichever direction keeps more information),
/// every bin holds enough rows and both goods and bads, and no more than the maximum number remain (the closest bad
/// rates merge first). Categories are ordered by bad rate, the rare ones pooled into a bin that also takes categories
/// never seen in training, and merged the same way. Missing values keep a bin of their own.
/// </summary>
public static class Binning
{
    public static VariableBins Of(DataColumn column, bool[] bad, BinningOptions? options = null)
    {
        options ??= new BinningOptions();
        if (column.Count != bad.Length) throw new ArgumentException($"column {column.Name} has {column.Count} rows, the target {bad.Length}", nameof(column));
        var missing = new Group(null, null, [], false);
        for (var i = 0; i < bad.Length; i++)
            if (column.IsMissing(i)) missing.Add(bad[i]);
        var groups = column switch
        {
            NumericColumn n => NumericGroups(n, bad, options),
            CategoricalColumn c => CategoryGroups(c, bad, options),
            _ => throw new ArgumentException($"unknown column type {column.GetType().Name}", nameof(column)),
        };
        if (missing.Total > 0) groups.Add(missing with { IsMissing = true });
        return new VariableBins(column.Name, column is NumericColumn, WithWoe(groups, column is NumericColumn, options.Smoothing));
    }

    private static List<Group> NumericGroups(NumericColumn column, bool[] bad, BinningOptions options)
    {
        var present = new List<(double Value, bool Bad)>();
        for (var i = 0; i < bad.Length; i++)
            if (column.Values[i] is { } v)
            {
                if (!double.IsFinite(v)) throw new ArgumentException($"column {column.Name} row {i + 1}: {v} is not a finite number", nameof(column));
                present.Add((v, bad[i]));
            }
        if (present.Count == 0) return [];
        present.Sort((a, b) => a.Value.CompareTo(b.Value));
        var n = present.Count;
        var edges = new List<double>();
        for (var q = 1; q < options.FineBins; q++)
        {
            var edge = present[Math.Max(0, (int)Math.Ceiling((double)q * n / options.FineBins) - 1)].Value;
            if (edge < present[^1].Value && (edges.Count == 0 || edge > edges[^1])) edges.Add(edge);
        }
        var fine = new List<Group>();
        var e = 0;
        Group? current = null;
        foreach (var (value, isBad) in present)
        {
            while (e < edges.Count && value > edges[e]) e++;
            var upper = e < edges.Count ? edges[e] : (double?)null;
            if (current is null || current.Upper != upper)
            {
                current = new Group(fine.Count == 0 ? null : fine[^1].Upper, upper, [], false);
                fine.Add(current);
            }
            current.Add(isBad);
        }
        var minRows = MinRows(n, options);
        if (!options.Monotone) return Constrain(fine, minRows, options.MaxBins);
        var rising = Constrain(Monotone(fine, rising: true), minRows, options.MaxBins);
        var falling = Constrain(Monotone(fine, rising: false), minRows, options.MaxBins);
        return Iv(falling, options.Smoothing) > Iv(rising, options.Smoothing) ? falling : rising;
    }

    private static List<Group> CategoryGroups(CategoricalColumn column, bool[] bad, BinningOptions options)
    {
        var byCategory = new Dictionary<string, Group>(StringComparer.Ordinal);
        var present = 0;
        for (var i = 0; i < bad.Length; i++)
        {
            if (column.Values[i] is not { } value) continue;
            if (!byCategory.TryGetValue(value, out var g)) byCategory[value] = g = new Group(null, null, [value], false);
            g.Add(bad[i]);
            present++;
        }
        if (present == 0) return [];
        var minRows = MinRows(present, options);
        var groups = byCategory.Values.Where(g => g.Total >= minRows).ToList();
        var rare = byCategory.Values.Where(g => g.Total < minRows).OrderBy(g => g.Categories[0], StringComparer.Ordinal).ToList();
        // The rare categories are pooled, and the pool takes the categories never seen in training. Without rare
        // categories there is no pool, and an unseen category is neutral rather than joining a real category's bin.
        if (rare.Count > 0) groups.Add(rare.Aggregate(new Group(null, null, [], true), (pool, g) => pool.Merge(g)));
        var ordered = groups.OrderBy(g => g.BadRate).ThenBy(g => g.Categories[0], StringComparer.Ordinal).ToList();
        var constrained = Constrain(ordered, minRows, options.MaxBins);
        foreach (var g in constrained) g.Categories.Sort(StringComparer.Ordinal);
        return constrained;
    }

    private static int MinRows(int present, BinningOptions options) => Math.Max(1, (int)Math.Ceiling(options.MinBinShare * present));

    /// <summary>Pool-adjacent-violators: merges neighbours until the bad rate strictly rises (or falls) from bin to bin.</summary>
    private static List<Group> Monotone(List<Group> fine, bool rising)
    {
        var stack = new List<Group>();
        foreach (var g in fine)
        {
            stack.Add(g.Copy());
            while (stack.Count >= 2 && (rising ? stack[^2].BadRate >= stack[^1].BadRate : stack[^2].BadRate <= stack[^1].BadRate))
            {
                stack[^2] = stack[^2].Merge(stack[^1]);
                stack.RemoveAt(stack.Count - 1);
            }
        }
        return stack;
    }

    /// <summary>
    /// Merges a bin too small or without goods or bads into the neighbour with the closer bad rate, smallest first; then
    /// the neighbours with the closest bad rates until at most <paramref name="maxBins"/> remain and no two neighbours
    /// have the same bad rate. Merging neighbours keeps a monotone order monotone.
    /// </summary>
    private static List<Group> Constrain(List<Group> groups, int minRows, int maxBins)
    {
        var result = groups.Select(g => g.Copy()).ToList();
        while (result.Count > 1)
        {
            var weak = -1;
            for (var i = 0; i < result.Count; i++)
                if ((result[i].Total < minRows || result[i].Good == 0 || result[i].Bad == 0) && (weak < 0 || result[i].Total < result[weak].Total)) weak = i;
            if (weak < 0) break;
            MergeWithNeighbour(result, weak);
        }
        // Neighbours with the same bad rate tell nothing apart: they merge whatever the count.
        while (result.Count > 1)
        {
            var best = 0;
            for (var i = 1; i < result.Count - 1; i++)
                if (Math.Abs(result[i].BadRate - result[i + 1].BadRate) < Math.Abs(result[best].BadRate - result[best + 1].BadRate)) best = i;
            if (result.Count <= Math.Max(1, maxBins) && result[best].BadRate != result[best + 1].BadRate) break;
            result[best] = result[best].Merge(result[best + 1]);
            result.RemoveAt(best + 1);
        }
        return result;
    }

    private static void MergeWithNeighbour(List<Group> groups, int i)
    {
        var left = i > 0 ? Math.Abs(groups[i - 1].BadRate - groups[i].BadRate) : double.MaxValue;
        var right = i < groups.Count - 1 ? Math.Abs(groups[i + 1].BadRate - groups[i].BadRate) : double.MaxValue;
        var j = left <= right ? i - 1 : i;
        groups[j] = groups[j].Merge(groups[j + 1]);
        groups.RemoveAt(j + 1);
    }

    private static double Iv(List<Group> groups, double smoothing) => WithWoe(groups, true, smoothing).Sum(b => b.Iv);

    private static List<Bin> WithWoe(List<Group> groups, bool numeric, double smoothing)
    {
        var goods = groups.Sum(g => g.Good);
        var bads = groups.Sum(g => g.Bad);
        var k = groups.Count;
        return [.. groups.Select(g =>
        {
            var shareGood = (g.Good + smoothing) / (goods + smoothing * k);
            var shareBad = (g.Bad + smoothing) / (bads + smoothing * k);
            var woe = Math.Log(shareGood / shareBad);
            var kind = g.IsMissing ? BinKind.Missing : numeric ? BinKind.Range : BinKind.Categories;
            return new Bin(kind, g.IsMissing ? null : g.Lower, g.IsMissing ? null : g.Upper, g.IsMissing ? [] : [.. g.Categories], g.TakesOther,
                g.Good, g.Bad, woe, (shareGood - shareBad) * woe);
        })];
    }

    /// <summary>A bin being built: a range (lower exclusive, upper inclusive) or a list of categories, with its counts.</summary>
    private sealed record Group(double? Lower, double? Upper, List<string> Categories, bool TakesOther)
    {
        public int Good { get; private set; }
        public int Bad { get; private set; }
        public bool IsMissing { get; init; }
        public int Total => Good + Bad;
        public double BadRate => Total == 0 ? 0 : (double)Bad / Total;

        public void Add(bool bad)
        {
            if (bad) Bad++;
            else Good++;
        }

        public Group Copy() => new(Lower, Upper, [.. Categories], TakesOther) { Good = Good, Bad = Bad, IsMissing = IsMissing };

        /// <summary>This bin and the next one (by range or by order) as one.</summary>
        public Group Merge(Group next) => new(Lower, next.Upper, [.. Categories, .. next.Categories], TakesOther || next.TakesOther)
        {
            Good = Good + next.Good,
            Bad = Bad + next.Bad,
        };
    }
}
