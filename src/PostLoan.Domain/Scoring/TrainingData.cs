namespace PostLoan.Domain.Scoring;

/// <summary>One column a model may use: numbers (missing as null) or categories (missing as null).</summary>
public abstract record DataColumn(string Name)
{
    public abstract int Count { get; }

    public abstract bool IsMissing(int row);
}

/// <summary>A numeric column; a missing value is null.</summary>
public sealed record NumericColumn(string Name, double?[] Values) : DataColumn(Name)
{
    public override int Count => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;
}

/// <summary>A categorical column, compared as written (case-sensitive); a missing value is null.</summary>
public sealed record CategoricalColumn(string Name, string?[] Values) : DataColumn(Name)
{
    public override int Count => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;
}

/// <summary>
/// A table to train on: the candidate columns and, per row, whether the row is bad (the event the model predicts,
/// such as "reached 90+ DPD within 12 months").
/// </summary>
public sealed record TrainingData(IReadOnlyList<DataColumn> Columns, bool[] Bad)
{
    public int Rows => Bad.Length;

    public int BadCount => Bad.Count(b => b);

    /// <summary>The same columns over the rows <paramref name="rows"/>, in that order.</summary>
    public TrainingData Subset(IReadOnlyList<int> rows) => new(
        [.. Columns.Select(c => c switch
        {
            NumericColumn n => (DataColumn)new NumericColumn(n.Name, [.. rows.Select(r => n.Values[r])]),
            CategoricalColumn k => new CategoricalColumn(k.Name, [.. rows.Select(r => k.Values[r])]),
            _ => throw new InvalidOperationException($"unknown column type {c.GetType().Name}"),
        })],
        [.. rows.Select(r => Bad[r])]);
}
