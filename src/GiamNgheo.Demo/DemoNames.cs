using GiamNgheo.Domain.Households;

namespace GiamNgheo.Demo;

/// Names, ethnic mix and hamlet names for synthetic data. Common forms only; not statistics.
internal static class DemoNames
{
    /// Name conventions shared by groups whose names look alike.
    internal enum Style { Kinh, Tay, Thai, Muong, Hmong, Dao }

    internal sealed record Group(string Code, Style Style, string[] Families);

    // Ethnic codes of Decision 121-TCTK/PPCĐ (1979).
    internal static readonly Group Kinh = new("01", Style.Kinh,
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
         "Đinh", "Đào", "Cao", "Mai", "Trịnh", "Lương", "Tạ", "Hà", "Tô", "Lưu", "Vương", "Kiều", "Chu", "Quách"]);
    // Rough shares of the commonest Kinh family names (Nguyễn ≈ 38 %, Trần ≈ 11 %, …).
    private static readonly double[] KinhWeights =
        [38, 11, 9.5, 7, 4, 1, 4.5, 2.5, 1.4, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 0.8, 0.8, 0.7, 0.6, 0.7, 0.6, 0.4, 0.5, 0.4, 0.4, 0.3, 0.3, 0.3, 0.2];

    private static readonly Group Tay = new("02", Style.Tay, ["Hoàng", "Nông", "Lương", "Lục", "Hà", "Ma", "Đàm", "Triệu", "Lý", "Nguyễn", "Bế", "Hứa", "Lăng", "Vi", "Mã"]);
    private static readonly Group Thai = new("03", Style.Thai, ["Lò", "Lường", "Cầm", "Quàng", "Hà", "Vi", "Lộc", "Tòng", "Điêu", "Lù", "Khà", "Mè"]);
    private static readonly Group Muong = new("06", Style.Muong, ["Bùi", "Đinh", "Quách", "Hà", "Xa", "Cao", "Bạch"]);
    private static readonly Group Nung = new("07", Style.Tay, ["Nông", "Hoàng", "Lương", "Vi", "Lành", "Lăng", "Chu", "Mông", "Hứa", "Lục"]);
    private static readonly Group Hmong = new("08", Style.Hmong, ["Giàng", "Sùng", "Vàng", "Thào", "Lý", "Mùa", "Hầu", "Ly", "Lầu", "Vừ", "Cứ", "Sình", "Hờ", "Chảo"]);
    private static readonly Group Dao = new("09", Style.Dao, ["Triệu", "Bàn", "Lý", "Đặng", "Phùng", "Chảo", "Tẩn", "Hoàng", "Lò"]);
    private static readonly Group Giay = new("25", Style.Tay, ["Lù", "Hoàng", "Vương", "Sần", "Lò", "Pờ"]);
    private static readonly Group SanChay = new("15", Style.Tay, ["Lâm", "Hoàng", "Trần", "Lý", "Dương", "Chu"]);
    private static readonly Group Hoa = new("04", Style.Kinh, ["Lý", "Trương", "Châu", "Lâm", "Quan", "Hứa", "Mạc", "Diệp"]);

    private static readonly Group[] Minorities = [Tay, Thai, Muong, Nung, Hmong, Dao, Giay, SanChay, Hoa];

    /// Share of ethnic-minority households by commune hardship: ~2 % in lowland wards, ~85 % in the remotest communes.
    public static double MinorityShare(double hardship) => 0.02 + 0.85 * hardship * hardship * (1.6 - 0.6 * hardship);

    public static Group PickEthnic(DemoRng rng, double hardship)
    {
        if (!rng.Chance(MinorityShare(hardship))) return Kinh;
        var h = hardship;
        // Midlands: Tày, Mường, Nùng, Thái; high mountains: HMông, Dao, Thái, Giáy.
        ReadOnlySpan<double> w =
        [
            1.4 * (1.2 - h), 1.0, 0.9 * (1.1 - h), 0.9 * (1.1 - h), 2.6 * h * h, 1.0 * h, 0.25 * h, 0.25 * (1 - h), 0.15 * (1 - h),
        ];
        return Minorities[rng.Weighted(w)];
    }

    public static string PickFamily(DemoRng rng, Group g) =>
        g == Kinh ? Kinh.Families[rng.Weighted(KinhWeights)] : rng.Pick(g.Families);

    // Middle names: Văn / Thị for older generations, more variety for the young.
    private static readonly string[] KinhMiddleMaleYoung = ["Văn", "Minh", "Đức", "Quang", "Hữu", "Công", "Thanh", "Gia", "Hoàng", "Anh", "Bảo", "Tuấn", "Xuân", "Trung", "Ngọc"];
    private static readonly string[] KinhMiddleFemaleYoung = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Bảo", "Khánh", "Thảo", "Hà", "Kim", "Hồng", "Mai", "Diệu", "Quỳnh"];
    private static readonly string[] KinhMale =
        ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Trung", "Tuấn",
         "Việt", "Hiếu", "Đức", "Hoàng", "Lâm", "Kiên", "Tùng", "Hưng", "Đạt", "Phúc", "Bảo", "Khôi", "Duy", "Toàn", "Thịnh", "Vinh", "Tâm", "Lộc", "Hòa", "Thái", "Quang", "Nghĩa"];
    private static readonly string[] KinhFemale =
        ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thu",
         "Trang", "Vân", "Yến", "Hiền", "Huyền", "Loan", "Tâm", "Vy", "Ngân", "My", "Nhi", "Thủy", "Hồng", "Liên", "Thoa", "Xuân", "Duyên", "Giang", "Hậu", "Lý", "Nhàn"];
    private static readonly string[] TayMale = ["Thái", "Lâm", "Bình", "Hùng", "Dương", "Chiến", "Thắng", "Tuấn", "Khánh", "Quyết", "Sinh", "Pháo", "Kiên", "Thanh", "Vượng"];
    private static readonly string[] TayFemale = ["Slim", "Nhài", "Thoa", "Hiên", "Quyên", "Lụa", "Mến", "Dinh", "Hoa", "Lan", "Thúy", "Nhung", "Đào", "Vân", "Liên"];
    private static readonly string[] ThaiMale = ["Khăm", "Pánh", "Ún", "Xiển", "Thiêm", "Ính", "Khoa", "Tiến", "Bun", "Hặc", "Phong", "Lả", "Xôm", "Thương"];
    private static readonly string[] ThaiFemale = ["Ỉn", "Xuân", "Ọn", "Pỏm", "Ngoan", "Ánh", "Đôi", "Ênh", "Thiêm", "Lả", "Bua", "Hoa", "Xịa", "Ui"];
    private static readonly string[] MuongMale = ["Cường", "Khánh", "Thiệp", "Lừng", "Vang", "Đông", "Thắng", "Hùng", "Tuân", "Bình", "Sinh", "Lịch"];
    private static readonly string[] MuongFemale = ["Nhỡi", "Thiêng", "Vui", "Nguyệt", "Hoa", "Lụa", "Mơ", "Thanh", "Ngoan", "Hằng", "Dung", "Phượng"];
    private static readonly string[] HmongMale = ["Páo", "Chứ", "Sử", "Dế", "Mua", "Tếnh", "Lử", "Nhà", "Chớ", "Pó", "Sính", "Dình", "Vần", "Giống", "Súa", "Chư", "Xà", "Lềnh", "Tủa", "Dia"];
    private static readonly string[] HmongMiddleMale = ["A", "Mí", "Seo", "Chứ", "Sính", "Mý", "Văn", "Pà"];
    private static readonly string[] HmongFemale = ["Mỷ", "Dua", "Sua", "Máy", "Dở", "Chá", "Pà", "Xúa", "Mua", "Súa", "Say", "Mai", "Dính", "Chở", "Ly", "Dợ", "Cở", "Xí"];
    private static readonly string[] DaoMale = ["Phin", "Chòi", "Quẩy", "Dùng", "Kiều", "Tả", "Seng", "Sơn", "Phẩu", "Chạn", "Vảng", "Tòn", "Lở", "Mùi"];
    private static readonly string[] DaoMiddleMale = ["Văn", "Tiến", "Kim", "Phúc", "Quầy", "Sành"];
    private static readonly string[] DaoFemale = ["Mẩy", "Slam", "Pham", "Nái", "Dinh", "Chàn", "Xuân", "Lìu", "Mảy", "Duyên", "Dín", "Nhất", "Phây", "Quyên"];

    /// Given and middle name by sex, group style and birth year.
    public static string FullName(DemoRng rng, string family, Group g, Sex sex, int birthYear)
    {
        var young = birthYear >= 1985;
        var male = sex == Sex.Male;
        string middle, given;
        switch (g.Style)
        {
            case Style.Hmong:
                middle = male ? rng.Pick(HmongMiddleMale) : "Thị";
                given = male ? rng.Pick(HmongMale) : rng.Pick(HmongFemale);
                break;
            case Style.Dao:
                middle = male ? rng.Pick(DaoMiddleMale) : "Thị";
                given = male ? rng.Pick(DaoMale) : rng.Pick(DaoFemale);
                break;
            default:
                var (ownMale, ownFemale) = g.Style switch
                {
                    Style.Tay => (TayMale, TayFemale),
                    Style.Thai => (ThaiMale, ThaiFemale),
                    Style.Muong => (MuongMale, MuongFemale),
                    _ => (KinhMale, KinhFemale),
                };
                // Young minority people often carry the common Kinh given names too.
                var own = g.Style == Style.Kinh || !rng.Chance(young ? 0.6 : 0.25);
                given = male ? rng.Pick(own ? ownMale : KinhMale) : rng.Pick(own ? ownFemale : KinhFemale);
                middle = male
                    ? (young && rng.Chance(0.65) ? rng.Pick(KinhMiddleMaleYoung) : "Văn")
                    : (young && rng.Chance(0.6) ? rng.Pick(KinhMiddleFemaleYoung) : "Thị");
                break;
        }
        return $"{family} {middle} {given}";
    }

    // Hamlet names. Mountain: Tày/Thái/HMông place-name syllables; lowland: Sino-Vietnamese names; wards: numbered.
    private static readonly string[] MountainFirst = ["Nà", "Khuổi", "Pác", "Nặm", "Phìn", "Sín", "Lũng", "Cốc", "Háng", "Tả", "Lùng", "Bản", "Mường", "Séo", "Hồng", "Thèn"];
    private static readonly string[] MountainSecond = ["Phặc", "Luông", "Ngòi", "Đăm", "Hồ", "Chải", "Cú", "Vài", "Van", "Pục", "Mơ", "Pả", "Lầu", "Sán", "Ngàm", "Chang", "Tổng", "Phìn", "Hẩu", "Táo"];
    private static readonly string[] LowlandFirst = ["Đông", "Tây", "Nam", "Bắc", "Thượng", "Trung", "Hạ", "An", "Phú", "Tân", "Đồng", "Hòa", "Vĩnh", "Phúc", "Thịnh", "Yên"];
    private static readonly string[] LowlandSecond = ["Lạc", "Mỹ", "Tâm", "Lập", "Thành", "Hưng", "Bình", "Phong", "Xuân", "Lợi", "Khánh", "Thọ", "Lộc", "Hòa", "Sơn", "Đoài", "Giang", "Tiến"];

    /// The hamlets of one commune, distinct names, stable for a commune code.
    public static string[] Hamlets(string communeCode, bool urban, double hardship, int count)
    {
        var h = DemoHash.Of(communeCode);
        var names = new string[count];
        if (urban)
        {
            for (var k = 0; k < count; k++) names[k] = $"Tổ dân phố {k + 1}";
            return names;
        }
        var mountain = hardship >= 0.5;
        var first = mountain ? MountainFirst : LowlandFirst;
        var second = mountain ? MountainSecond : LowlandSecond;
        var combos = first.Length * second.Length;
        // Walk the name grid with a step coprime to its size, so the first `combos` names are distinct.
        var step = 7;
        while (Gcd(step, combos) != 1) step += 2;
        var start = (int)(h % (ulong)combos);
        for (var k = 0; k < count; k++)
        {
            if (k >= combos) { names[k] = $"Thôn {k + 1}"; continue; }
            var idx = (start + k * step) % combos;
            var word = $"{first[idx / second.Length]} {second[idx % second.Length]}";
            var prefix = mountain && DemoHash.Unit(DemoHash.Of(h, (ulong)k)) < 0.5 ? "Bản" : "Thôn";
            // "Bản Bản X" reads badly.
            if (word.StartsWith("Bản ", StringComparison.Ordinal)) prefix = "Thôn";
            names[k] = $"{prefix} {word}";
        }
        return names;
    }

    private static readonly string[] Streets = ["Trần Phú", "Lê Lợi", "Nguyễn Trãi", "Quang Trung", "Hùng Vương", "Lý Thường Kiệt", "Nguyễn Du", "Hai Bà Trưng", "Trần Hưng Đạo", "Điện Biên Phủ", "Lê Duẩn", "Ngô Quyền"];

    public static string Street(DemoRng rng) => rng.Pick(Streets);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
