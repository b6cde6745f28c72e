using PostLoan.Domain.Classification;
using PostLoan.Domain.Common;

namespace PostLoan.Domain.Inspections;

public enum VisitMethod
{
    Phone,
    OnSite,

    /// <summary>线上核查: statements, bureau, tax or utility data checked without a visit.</summary>
    OnlineCheck,
}

public enum RiskRating
{
    Low,
    Medium,
    High,
}

public enum VisitReportStatus
{
    /// <summary>Being written; only its author changes it.</summary>
    Draft,

    /// <summary>Filed: its task is done; waiting for a second person's approval.</summary>
    Submitted,

    /// <summary>Sent back to the author with a note; editable again.</summary>
    Returned,

    /// <summary>Final: never edited again, only amended by a new version.</summary>
    Approved,

    /// <summary>An approved version replaced by an approved amendment.</summary>
    Superseded,
}

public enum ReportActionKind
{
    /// <summary>Open a task (a follow-up visit, an inspection).</summary>
    FollowUpTask,

    /// <summary>Propose a class to the risk officers.</summary>
    ProposeClass,

    /// <summary>Propose a restructuring or extension to the risk officers.</summary>
    ProposeRestructuring,
}

/// <summary>A recommended action. A follow-up task names its kind and due date; a class proposal names the class.</summary>
public sealed record ReportAction(ReportActionKind Kind, string Note, string? TaskKind = null, DateOnly? DueOn = null, RiskClass? ProposedClass = null);

/// <summary>
/// A visit report (回访记录, SPEC §7): how and when the borrower was visited, who took part, the answered checklist, what
/// was found, a risk rating and the recommended actions. Written as a draft by its author, submitted (which closes the
/// task it answers and opens the tasks its actions ask for), and approved by a second person, after which it never
/// changes: a correction is an amendment, a new version that replaces it once approved.
/// </summary>
public sealed class VisitReport
{
    private List<ChecklistEntry> _checklist = [];
    private List<ReportAction> _actions = [];

    private VisitReport() { }

    public long Id { get; private set; }

    /// <summary>The first version's id: the report's number across its amendments.</summary>
    public long? RootId { get; private set; }

    public int Version { get; private set; } = 1;
    public long? PreviousVersionId { get; private set; }
    public long? TaskId { get; private set; }
    public long LoanId { get; private set; }
    public long BorrowerId { get; private set; }
    public VisitMethod Method { get; private set; }
    public DateOnly VisitedOn { get; private set; }

    /// <summary>Who took part, in words ("王经理; 借款人张三; 财务总监").</summary>
    public string Participants { get; private set; } = "";

    public IReadOnlyList<ChecklistEntry> Checklist => _checklist;
    public string Findings { get; private set; } = "";
    public RiskRating RiskRating { get; private set; }
    public IReadOnlyList<ReportAction> Actions => _actions;
    public VisitReportStatus Status { get; private set; }
    public string Author { get; private set; } = "";
    public DateOnly CreatedOn { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateOnly? ReviewedOn { get; private set; }
    public string? ReviewNote { get; private set; }
    public int Revision { get; private set; }

    public bool IsEditable => Status is VisitReportStatus.Draft or VisitReportStatus.Returned;

    /// <summary>Answers of "no": the risk points the visit found.</summary>
    public int RiskPoints => _checklist.Count(e => e.Answer == ChecklistAnswer.No);

    public static VisitReport Draft(long loanId, long borrowerId, long? taskId, string author, DateOnly businessDate, VisitReportContent content)
    {
        if (string.IsNullOrWhiteSpace(author)) throw new DomainException("a report needs an author");
        var report = new VisitReport { LoanId = loanId, BorrowerId = borrowerId, TaskId = taskId, Author = author, CreatedOn = businessDate, Status = VisitReportStatus.Draft };
        report.Apply(content);
        return report;
    }

    public void Edit(VisitReportContent content, string by)
    {
        RequireEditableBy(by);
        Apply(content);
        Revision++;
    }

    /// <summary>
    /// Files the report. Refused (with every problem) unless each of <paramref name="required"/> is answered, each "no"
    /// and "not checked" says why, findings are written, the visit is not in the future, and a high rating recommends
    /// at least one action.
    /// </summary>
    public IReadOnlyList<string> Submit(DateOnly businessDate, string by, IReadOnlyList<ChecklistItem> required)
    {
        RequireEditableBy(by);
        var problems = Problems(businessDate, required);
        if (problems.Count > 0) return problems;
        Status = VisitReportStatus.Submitted;
        SubmittedOn = businessDate;
        Revision++;
        return [];
    }

    public IReadOnlyList<string> Problems(DateOnly businessDate, IReadOnlyList<ChecklistItem> required)
    {
        var problems = new List<string>();
        if (VisitedOn > businessDate) problems.Add($"visited_on: the visit date {VisitedOn:yyyy-MM-dd} is after the business date {businessDate:yyyy-MM-dd}");
        if (string.IsNullOrWhiteSpace(Participants)) problems.Add("participants: say who took part");
        foreach (var item in required)
        {
            var entry = _checklist.FirstOrDefault(e => e.Code == item.Code);
            if (entry is null) problems.Add($"checklist.{item.Code}: not answered ({item.English})");
            else if (entry.Answer != ChecklistAnswer.Yes && string.IsNullOrWhiteSpace(entry.Note))
                problems.Add($"checklist.{item.Code}: an answer of '{(entry.Answer == ChecklistAnswer.No ? "no" : "not checked")}' needs a note saying what was found");
        }
        if (string.IsNullOrWhiteSpace(Findings)) problems.Add("findings: write what the visit found");
        if (RiskRating == RiskRating.High && _actions.Count == 0) problems.Add("actions: a high risk rating needs at least one recommended action");
        return problems;
    }

    /// <summary>Approved by a second person: final from now on.</summary>
    public void Approve(DateOnly businessDate, string by, string? note)
    {
        RequireReviewable(by);
        Status = VisitReportStatus.Approved;
        ReviewedBy = by;
        ReviewedOn = businessDate;
        ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Revision++;
    }

    /// <summary>Sent back to the author, who edits and submits it again.</summary>
    public void Return(DateOnly businessDate, string by, string note)
    {
        RequireReviewable(by);
        if (string.IsNullOrWhiteSpace(note)) throw new DomainException("returning a report needs a note for its author");
        Status = VisitReportStatus.Returned;
        ReviewedBy = by;
        ReviewedOn = businessDate;
        ReviewNote = note.Trim();
        Revision++;
    }

    /// <summary>A new draft version of this approved report, for its author or another to correct.</summary>
    public VisitReport Amend(string by, DateOnly businessDate)
    {
        if (Status != VisitReportStatus.Approved) throw new DomainException("only an approved report is amended; a draft or returned report is edited");
        return new VisitReport
        {
            RootId = RootId ?? Id,
            Version = Version + 1,
            PreviousVersionId = Id,
            TaskId = TaskId,
            LoanId = LoanId,
            BorrowerId = BorrowerId,
            Method = Method,
            VisitedOn = VisitedOn,
            Participants = Participants,
            _checklist = [.. _checklist],
            Findings = Findings,
            RiskRating = RiskRating,
            // The actions were carried out when this version was submitted; an amendment's own are new ones.
            _actions = [],
            Author = by,
            CreatedOn = businessDate,
            Status = VisitReportStatus.Draft,
        };
    }

    /// <summary>This version was replaced by its approved amendment.</summary>
    public void Supersede()
    {
        if (Status != VisitReportStatus.Approved) throw new DomainException("only an approved report is superseded");
        Status = VisitReportStatus.Superseded;
        Revision++;
    }

    private void Apply(VisitReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Method = content.Method;
        VisitedOn = content.VisitedOn;
        Participants = content.Participants.Trim();
        Findings = content.Findings.Trim();
        RiskRating = content.RiskRating;
        var codes = new HashSet<string>();
        foreach (var entry in content.Checklist)
        {
            if (VisitChecklist.Find(entry.Code) is null) throw new DomainException($"checklist.{entry.Code}: no such checklist item");
            if (!codes.Add(entry.Code)) throw new DomainException($"checklist.{entry.Code}: answered twice");
        }
        foreach (var action in content.Actions)
        {
            if (string.IsNullOrWhiteSpace(action.Note)) throw new DomainException("actions: each recommended action needs a note");
            if (action.Kind == ReportActionKind.FollowUpTask && (string.IsNullOrWhiteSpace(action.TaskKind) || action.DueOn is null))
                throw new DomainException("actions: a follow-up task needs a kind and a due date");
            if (action.Kind == ReportActionKind.ProposeClass && action.ProposedClass is null)
                throw new DomainException("actions: a class proposal names the class");
        }
        _checklist = [.. content.Checklist.Select(e => e with { Note = string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim() })];
        _actions = [.. content.Actions];
    }

    private void RequireEditableBy(string by)
    {
        if (!IsEditable) throw new DomainException($"a report that is {Status.ToString().ToLowerInvariant()} cannot be changed; amend it instead");
        if (by != Author) throw new DomainException($"only the report's author ({Author}) changes or submits it");
    }

    private void RequireReviewable(string by)
    {
        if (Status != VisitReportStatus.Submitted) throw new DomainException($"a report that is {Status.ToString().ToLowerInvariant()} is not waiting for review");
        if (by == Author) throw new DomainException("a report is approved or returned by someone other than its author");
    }
}

/// <summary>What the author writes: everything a draft holds.</summary>
public sealed record VisitReportContent(
    VisitMethod Method,
    DateOnly VisitedOn,
    string Participants,
    IReadOnlyList<ChecklistEntry> Checklist,
    string Findings,
    RiskRating RiskRating,
    IReadOnlyList<ReportAction> Actions);

/// <summary>A file kept with a report: its name, type, size and SHA-256 (hex). The bytes are stored once per hash.</summary>
public sealed class ReportAttachment
{
    private ReportAttachment() { }

    public long Id { get; private set; }
    public long ReportId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }

    public static ReportAttachment Of(long reportId, string fileName, string contentType, long sizeBytes, string sha256, string by, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(fileName)) throw new DomainException("an attachment needs a file name");
        if (sha256.Length != 64) throw new DomainException("an attachment's hash is SHA-256 in hex");
        return new ReportAttachment
        {
            ReportId = reportId,
            FileName = Path.GetFileName(fileName.Trim()),
            ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim(),
            SizeBytes = sizeBytes,
            Sha256 = sha256.ToLowerInvariant(),
            UploadedBy = by,
            UploadedAt = at,
        };
    }

    /// <summary>The same file on the amendment of its report.</summary>
    public ReportAttachment CopyTo(long reportId) => new()
    {
        ReportId = reportId,
        FileName = FileName,
        ContentType = ContentType,
        SizeBytes = SizeBytes,
        Sha256 = Sha256,
        UploadedBy = UploadedBy,
        UploadedAt = UploadedAt,
    };
}
