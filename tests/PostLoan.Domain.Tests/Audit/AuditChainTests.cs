using PostLoan.Domain.Audit;
using PostLoan.Domain.Common;
using Shouldly;

namespace PostLoan.Domain.Tests.Audit;

public class AuditChainTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 30, 18, 0, 0, TimeSpan.Zero);

    /// <summary>A valid chain of <paramref name="count"/> entries, one second apart.</summary>
    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var i = 1; i <= count; i++)
        {
            var entry = AuditEntry.Create(i, T0.AddSeconds(i), new AuditRecord("user:alice", "import.loans", "loan", $"L{i:0000}",
                Before: i % 2 == 0 ? $$"""{"import_hash":"old{{i}}"}""" : null, After: $$"""{"import_hash":"new{{i}}"}"""), previous);
            entries.Add(entry);
            previous = entry.Hash;
        }
        return entries;
    }

    /// <summary>Re-hashes an entry after a field was changed, as a forger who knows the algorithm would.</summary>
    private static AuditEntry Rehashed(AuditEntry e) => e with { Hash = AuditChain.ComputeHash(e) };

    [Fact]
    public void First_entry_chains_from_64_zeros_and_hash_is_lower_case_sha256_hex()
    {
        var first = Chain(1)[0];
        first.PreviousHash.ShouldBe(new string('0', 64));
        first.Hash.Length.ShouldBe(64);
        AuditChain.IsHash(first.Hash).ShouldBeTrue();
    }

    [Fact]
    public void Canonical_text_names_each_field_with_its_utf8_length_and_marks_nulls()
    {
        var text = AuditChain.CanonicalText(7, new DateTimeOffset(621355968000000000, TimeSpan.Zero), "user:张三", "eod.run", "eod_run", "3", null, "{}", AuditChain.GenesisHash);
        text.ShouldBe(
            "id:1:7\n" +
            "at:18:621355968000000000\n" +
            "actor:11:user:张三\n" +
            "action:7:eod.run\n" +
            "entity_type:7:eod_run\n" +
            "entity_id:1:3\n" +
            "before:-\n" +
            "after:2:{}\n" +
            $"previous_hash:64:{AuditChain.GenesisHash}\n");
    }

    [Fact]
    public void Hash_of_a_known_entry_is_the_sha256_of_its_canonical_text()
    {
        // Pinned so that a change to the serialisation, which would break every stored trail, fails here.
        var text = AuditChain.CanonicalText(1, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), "job:eod", "eod.run", "eod_run", "1", null, null, AuditChain.GenesisHash);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        AuditChain.ComputeHash(1, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), "job:eod", "eod.run", "eod_run", "1", null, null, AuditChain.GenesisHash)
            .ShouldBe(expected);
    }

    public static TheoryData<string> Fields => ["id", "at", "actor", "action", "entity_type", "entity_id", "before", "after", "previous_hash"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Hash_changes_when_any_field_changes(string field)
    {
        var e = Chain(2)[1];
        var changed = field switch
        {
            "id" => e with { Id = e.Id + 1 },
            "at" => e with { At = e.At.AddTicks(1) },
            "actor" => e with { Actor = "user:mallory" },
            "action" => e with { Action = "import.borrowers" },
            "entity_type" => e with { EntityType = "borrower" },
            "entity_id" => e with { EntityId = "L9999" },
            "before" => e with { Before = null },
            "after" => e with { After = """{"import_hash":"forged"}""" },
            "previous_hash" => e with { PreviousHash = new string('f', 64) },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        AuditChain.ComputeHash(changed).ShouldNotBe(e.Hash);
    }

    [Fact]
    public void Null_and_empty_text_hash_differently()
    {
        var e = Chain(1)[0];
        AuditChain.ComputeHash(e with { Before = "" }).ShouldNotBe(AuditChain.ComputeHash(e with { Before = null }));
    }

    [Fact]
    public void Moving_text_between_adjacent_fields_changes_the_hash()
    {
        var e = Chain(1)[0];
        AuditChain.ComputeHash(e with { Actor = "user:alice", Action = "import.loans" })
            .ShouldNotBe(AuditChain.ComputeHash(e with { Actor = "user:aliceimport", Action = ".loans" }));
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        AuditChain.Verify(Chain(5)).ShouldBeNull();
        AuditChain.FindBreak(Chain(5), out var count).ShouldBeNull();
        count.ShouldBe(5);
    }

    [Fact]
    public void An_empty_trail_verifies()
    {
        AuditChain.Verify([]).ShouldBeNull();
    }

    [Fact]
    public void Verify_finds_the_altered_entry_when_its_hash_was_left_as_it_was()
    {
        var entries = Chain(5);
        entries[2] = entries[2] with { After = """{"import_hash":"forged"}""" };
        AuditChain.Verify(entries).ShouldBe(3);
        AuditChain.FindBreak(entries)!.Reason.ShouldContain("does not match its content");
    }

    [Fact]
    public void Verify_finds_the_first_of_two_altered_entries()
    {
        var entries = Chain(6);
        entries[4] = entries[4] with { Actor = "user:mallory" };
        entries[1] = entries[1] with { Actor = "user:mallory" };
        AuditChain.Verify(entries).ShouldBe(2);
    }

    [Fact]
    public void Re_hashing_an_altered_entry_breaks_the_link_from_the_next_one()
    {
        var entries = Chain(5);
        entries[2] = Rehashed(entries[2] with { Actor = "user:mallory" });
        var broken = AuditChain.FindBreak(entries)!;
        broken.EntryId.ShouldBe(4);
        broken.Reason.ShouldContain("entry 3");
    }

    [Fact]
    public void A_deleted_entry_breaks_the_chain_at_the_entry_after_it()
    {
        var entries = Chain(5);
        entries.RemoveAt(2);
        AuditChain.Verify(entries).ShouldBe(4);
    }

    [Fact]
    public void A_deleted_first_entry_breaks_the_chain()
    {
        var entries = Chain(3);
        entries.RemoveAt(0);
        AuditChain.FindBreak(entries)!.EntryId.ShouldBe(2);
    }

    [Fact]
    public void An_inserted_entry_breaks_the_chain()
    {
        var entries = Chain(5);
        // A forged entry that links correctly to entry 2 and carries a valid hash of its own.
        var forged = AuditEntry.Create(3, T0.AddSeconds(2.5), new AuditRecord("user:mallory", "loan.class_override", "loan", "L0002"), entries[1].Hash);
        entries.Insert(2, forged);
        AuditChain.Verify(entries).ShouldBe(3);
    }

    [Fact]
    public void An_inserted_entry_with_renumbered_successors_still_breaks_the_chain()
    {
        var entries = Chain(4);
        var forged = AuditEntry.Create(3, T0.AddSeconds(2.5), new AuditRecord("user:mallory", "loan.class_override", "loan", "L0002"), entries[1].Hash);
        var renumbered = entries.Take(2).Append(forged).Concat(entries.Skip(2).Select(e => Rehashed(e with { Id = e.Id + 1 }))).ToList();
        // Entry 4 (the old entry 3) still names entry 2's hash as its previous one, not the forged entry's.
        AuditChain.Verify(renumbered).ShouldBe(4);
    }

    [Fact]
    public void Swapped_entries_break_the_chain()
    {
        var entries = Chain(4);
        (entries[1], entries[2]) = (entries[2], entries[1]);
        AuditChain.Verify(entries).ShouldBe(3);
    }

    [Fact]
    public void Create_refuses_a_local_time_an_empty_actor_and_a_malformed_previous_hash()
    {
        var what = new AuditRecord("job:eod", "eod.run", "eod_run", "1");
        Should.Throw<DomainException>(() => AuditEntry.Create(1, new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)), what, AuditChain.GenesisHash));
        Should.Throw<DomainException>(() => AuditEntry.Create(1, T0, what with { Actor = " " }, AuditChain.GenesisHash));
        Should.Throw<DomainException>(() => AuditEntry.Create(1, T0, what, "abc"));
        Should.Throw<DomainException>(() => AuditEntry.Create(0, T0, what, AuditChain.GenesisHash));
    }
}
