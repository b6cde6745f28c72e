using PostLoan.Domain.Common;
using Shouldly;

namespace PostLoan.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Domain_references_no_persistence_web_or_data_assembly()
    {
        string[] forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "System.Data"];
        var offending = typeof(Money).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(name => forbidden.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        offending.ShouldBeEmpty();
    }
}
