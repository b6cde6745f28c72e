namespace PostLoan.IntegrationTests.Support;

/// <summary>The example files shipped in examples/, found from the test's output folder.</summary>
public static class Examples
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "examples");
                if (System.IO.File.Exists(Path.Combine(candidate, "borrowers.csv"))) return candidate;
            }
            throw new DirectoryNotFoundException("examples/ not found above " + AppContext.BaseDirectory);
        }
    }

    public static string File(string name) => Path.Combine(Folder, name);
}
