namespace GiamNgheo.Domain.Households;

/// Rules over a household's members as a whole.
public static class HouseholdRules
{
    /// Exactly one member is the head (Chủ hộ): the household is registered in the head's name (Circular
    /// 07/2021/TT-BLĐTBXH, Phiếu A/B list the household by its head). The file parser applies it to every household, and
    /// the forms go through the parser, so no form can leave a household without a head or with two.
    public static string? HeadProblem(IEnumerable<Relation> relations)
    {
        var heads = relations.Count(r => r == Relation.Head);
        return heads switch
        {
            1 => null,
            0 => "Hộ chưa có thành viên là Chủ hộ; mỗi hộ đúng một chủ hộ.",
            _ => $"Hộ có {heads} người ghi là Chủ hộ; mỗi hộ đúng một chủ hộ.",
        };
    }
}
