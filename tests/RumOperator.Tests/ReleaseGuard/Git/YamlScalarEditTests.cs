using RumOperator.Api;
using RumOperator.ReleaseGuard;

namespace RumOperator.Tests.ReleaseGuard.Git;

/// <summary>Scalar edits by parser positions: only the scalar's text changes, in its own style.</summary>
public class YamlScalarEditTests
{
    private static string Set(string yaml, string field, string value)
    {
        var (scalar, problem) = YamlScalarEdit.Find(yaml, YamlFieldPath.Parse(field).Steps!);
        Assert.True(scalar is not null, problem);
        return YamlScalarEdit.Replace(yaml, scalar!, value);
    }

    private static string Problem(string yaml, string field) => YamlScalarEdit.Find(yaml, YamlFieldPath.Parse(field).Steps!).Problem!;

    [Theory]
    [InlineData("tag: 2.0 # c\n", "tag: 1.0 # c\n")]
    [InlineData("tag: '2.0'   # c\n", "tag: '1.0'   # c\n")]
    [InlineData("tag: \"2.0\"\n", "tag: \"1.0\"\n")]
    [InlineData("a: {x: 1, tag: 2.0, y: 2}\n", "a: {x: 1, tag: 1.0, y: 2}\n")]
    [InlineData("# head\n\nz: 1\r\ntag:    2.0\r\nb: [1, 2]\r\n", "# head\n\nz: 1\r\ntag:    1.0\r\nb: [1, 2]\r\n")]
    public void Only_the_scalar_changes_in_its_own_style(string yaml, string expected)
    {
        var field = yaml.StartsWith("a:") ? "a.tag" : "tag";
        Assert.Equal(expected, Set(yaml, field, "1.0"));
    }

    [Theory]
    [InlineData("v: x\n", "it's", "v: \"it's\"\n")]
    [InlineData("v: 'x'\n", "it's", "v: 'it''s'\n")]
    [InlineData("v: x\n", "a: b", "v: \"a: b\"\n")]
    [InlineData("v: x\n", "yes", "v: \"yes\"\n")]
    [InlineData("v: \"x\"\n", "a\"b\\c", "v: \"a\\\"b\\\\c\"\n")]
    [InlineData("v: x\n", "registry.example/shop/web:1.0", "v: registry.example/shop/web:1.0\n")]
    public void A_plain_value_is_quoted_only_when_it_would_read_back_differently(string yaml, string value, string expected) =>
        Assert.Equal(expected, Set(yaml, "v", value));

    [Fact]
    public void List_items_are_found_by_key_or_index_across_documents()
    {
        const string yaml = "kind: Service\nspec: {ports: [{port: 80}]}\n---\nkind: Deployment\nspec:\n  containers:\n    - name: proxy\n      image: p:1\n    - name: web\n      image: w:2   # web\n";
        Assert.EndsWith("image: w:1   # web\n", Set(yaml, "spec.containers[name=web].image", "w:1"));
        Assert.Contains("image: q:1\n", Set(yaml, "spec.containers[0].image", "q:1"));
    }

    [Fact]
    public void Argo_cd_application_fields_are_found()
    {
        const string app = "spec:\n  source:\n    helm:\n      parameters:\n        - name: image.tag\n          value: \"2.0\"\n    kustomize:\n      images:\n        - registry.example/shop/storefront:2.0\n";
        Assert.Contains("value: \"1.0\"", Set(app, "spec.source.helm.parameters[name=image.tag].value", "1.0"));
        Assert.EndsWith("- registry.example/shop/storefront:1.0\n", Set(app, "spec.source.kustomize.images[0]", "registry.example/shop/storefront:1.0"));
    }

    [Theory]
    [InlineData("a: {b: 1}\n", "a.c", "a has no key 'c'")]
    [InlineData("a: [1]\n", "a[3]", "a has 1 items, no [3]")]
    [InlineData("a: [{n: x}, {n: x}]\n", "a[n=x]", "a has 2 items with n: x")]
    [InlineData("a: &v 1\nb: *v\n", "b", "anchor &v")]
    [InlineData("a: !!str 1\n", "a", "tag")]
    [InlineData("a: |\n  x\n", "a", "Literal block scalar")]
    [InlineData("a: one\n  two\n", "a", "spans several lines")]
    [InlineData("a: 1\n---\na: 2\n", "a", "in 2 documents")]
    [InlineData("a: [\n", "a", "is not valid YAML")]
    [InlineData("a: 1\n", "a.b", "a is a scalar ('1'), not a mapping")]
    public void What_cannot_be_edited_safely_is_refused_with_a_reason(string yaml, string field, string reason) =>
        Assert.Contains(reason, Problem(yaml, field));

    [Theory]
    [InlineData("images[name=storefront].newTag", 3)]
    [InlineData("spec.values.image.tag", 4)]
    [InlineData("spec.template.spec.containers[name=web].image", 6)]
    [InlineData("items[0].x", 3)]
    public void Field_paths_parse(string field, int steps) => Assert.Equal(steps, YamlFieldPath.Parse(field).Steps!.Count);

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData("a[name=]")]
    [InlineData("a[x")]
    [InlineData(".a")]
    [InlineData("a b")]
    public void Bad_field_paths_say_where(string field) => Assert.NotNull(YamlFieldPath.Parse(field).Error);
}
