using System.Text;

namespace GiamNgheo.Domain.Common;

/// C# names in snake_case (HousingAreaM2 → housing_area_m2): the database's table and column names, and so the keys of
/// the facts (a fact's key is its column).
public static class SnakeCase
{
    public static string Of(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && !char.IsUpper(name[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
