namespace PostLoan.Domain.EarlyWarning.Rules;

/// <summary>
/// Feature values of <see cref="RowCount"/> loans, one column per (feature, lag). The frame keeps
/// the arrays it is given, without copying, so filling a frame for a million loans costs no more
/// than the arrays themselves; do not change them during an evaluation.
/// </summary>
public sealed class FeatureFrame
{
    private readonly Dictionary<FeatureInput, FrameColumn> _columns = [];

    public FeatureFrame(int rowCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        RowCount = rowCount;
    }

    public int RowCount { get; }

    public IReadOnlyCollection<FeatureInput> Inputs => _columns.Keys;

    /// <summary>A number column; <paramref name="present"/>[i] false marks row i missing (null: all present).</summary>
    public FeatureFrame AddNumbers(string feature, int lag, decimal[] values, bool[]? present = null) =>
        Add(feature, lag, new NumberColumn(Sized(values), present is null ? null : Sized(present)));

    /// <summary>A true/false column; <paramref name="present"/>[i] false marks row i missing (null: all present).</summary>
    public FeatureFrame AddBools(string feature, int lag, bool[] values, bool[]? present = null) =>
        Add(feature, lag, new BoolColumn(Sized(values), present is null ? null : Sized(present)));

    /// <summary>A text column; a null entry is missing.</summary>
    public FeatureFrame AddTexts(string feature, int lag, string?[] values) =>
        Add(feature, lag, new TextColumn(Sized(values)));

    /// <summary>The type of the column for the input, or null when the frame has none.</summary>
    public FeatureType? TypeOf(FeatureInput input) => _columns.TryGetValue(input, out var column) ? column.Type : null;

    /// <summary>A view of one row, e.g. to explain an alert with <see cref="CheckedRule.EvaluateRow"/>.</summary>
    public IFeatureRow Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return new FrameRow(this, row);
    }

    internal FrameColumn Column(FeatureInput input) => _columns[input];

    private FeatureFrame Add(string feature, int lag, FrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentOutOfRangeException.ThrowIfNegative(lag);
        if (!_columns.TryAdd(new FeatureInput(feature, lag), column))
            throw new ArgumentException($"the frame already has a column for {new FeatureInput(feature, lag)}");
        return this;
    }

    private T[] Sized<T>(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != RowCount)
            throw new ArgumentException($"a column of {values.Length} values does not fit a frame of {RowCount} rows");
        return values;
    }

    private sealed class FrameRow(FeatureFrame frame, int row) : IFeatureRow
    {
        public bool TryGet(FeatureInput input, out FeatureValue value)
        {
            if (!frame._columns.TryGetValue(input, out var column))
            {
                value = default;
                return false;
            }
            value = column switch
            {
                NumberColumn n => n.Present is null || n.Present[row] ? FeatureValue.Of(n.Values[row]) : FeatureValue.Missing(FeatureType.Number),
                BoolColumn b => b.Present is null || b.Present[row] ? FeatureValue.Of(b.Values[row]) : FeatureValue.Missing(FeatureType.Bool),
                TextColumn t => t.Values[row] is { } s ? FeatureValue.Of(s) : FeatureValue.Missing(FeatureType.Text),
                _ => throw new InvalidOperationException("unknown column kind"),
            };
            return true;
        }
    }
}

internal abstract record FrameColumn(FeatureType Type);

internal sealed record NumberColumn(decimal[] Values, bool[]? Present) : FrameColumn(FeatureType.Number);

internal sealed record BoolColumn(bool[] Values, bool[]? Present) : FrameColumn(FeatureType.Bool);

internal sealed record TextColumn(string?[] Values) : FrameColumn(FeatureType.Text);
