using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Shenbao.Web.Setup;

/// <summary>Model binding's own messages (a number that is not a number…) in Chinese, on every page.</summary>
public static class ChineseBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"“{value}”不是有效的{field}");
        messages.SetMissingBindRequiredValueAccessor(field => $"请填写{field}");
        messages.SetMissingKeyOrValueAccessor(() => "请填写此项");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容不能为空");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"“{value}”无效");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的值无效");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "请填写数字");
        messages.SetUnknownValueIsInvalidAccessor(field => $"{field}的值无效");
        messages.SetValueIsInvalidAccessor(value => $"“{value}”无效");
        messages.SetValueMustBeANumberAccessor(field => $"{field}须为数字");
        messages.SetValueMustNotBeNullAccessor(value => $"请填写此项");
    }
}
