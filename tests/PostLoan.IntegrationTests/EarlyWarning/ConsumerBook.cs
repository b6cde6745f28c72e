using PostLoan.Application.Import;
using PostLoan.Domain.Schedules;
using PostLoan.IntegrationTests.Support;
using static PostLoan.IntegrationTests.Support.Book;

namespace PostLoan.IntegrationTests.EarlyWarning;

/// <summary>
/// A crafted book for early-warning tests: 12,000 consumer loans disbursed 2024-01-15, due on the 15th from February,
/// one borrower each. A-loans pay on time; B-loans pay February and March, then nothing (DPD 91, bucket M4, on
/// 2024-07-15); C-loans miss April and pay it on 10 May, then pay on time.
/// </summary>
internal static class ConsumerBook
{
    public static readonly Installment[] Plan = Schedule(12_000m, 6m, 12, "equal-installment", new(2024, 1, 15), new(2024, 2, 15));

    public static void Import(TempDatabase db, params string[] loans)
    {
        ImportCsv(db, ImportKind.Borrowers, "external_id,kind,name\n" + string.Concat(loans.Select(l => $"P{l},individual,借款人{l}\n")));
        ImportCsv(db, ImportKind.Loans,
            "external_id,borrower_external_id,product,segment,currency,principal,annual_rate_percent,term_months,disbursed_on,first_due_on,method,grace_days,penalty_uplift_percent,purpose,entrusted_payment,restructured_on,class_before_restructure,extended\n"
            + string.Concat(loans.Select(l => $"{l},P{l},CONSUMER,retail,CNY,12000.00,6,12,2024-01-15,2024-02-15,equal-installment,0,50,消费,false,,,false\n")));
        ImportCsv(db, ImportKind.Repayments, "external_id,loan_external_id,date,amount,note\n" + string.Concat(loans.Select(l => l[0] switch
        {
            'A' => PayOnTime(l, Plan, l),
            'B' => PayOnTime(l, Plan.Take(2), l),
            _ => PayOnTime(l, Plan.Where(i => i.Number != 3), l) + $"{l}-late,{l},2024-05-10,{A(Plan[2].Payment + 50m)},补缴\n",
        })));
    }
}
