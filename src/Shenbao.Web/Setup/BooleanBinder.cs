using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Shenbao.Web.Setup;

/// <summary>
/// A tick box's value: "true" or "false", or a refusal beside the field. Model binding's own binder keeps a value
/// such as "maybe" as the attempted value, which the checkbox tag helper then cannot render (a 500, with the posted
/// text in the log); this one keeps no attempted value, so the box is shown as stored and the message is ours.
/// </summary>
public sealed class BooleanBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (values == ValueProviderResult.None) return Task.CompletedTask;
        // a checkbox posts "true" and its hidden "false": the first value is the box
        var first = values.FirstValue?.Trim();
        if (string.IsNullOrEmpty(first) && bindingContext.ModelMetadata.IsReferenceOrNullableType)
            bindingContext.Result = ModelBindingResult.Success(null);
        else if (bool.TryParse(first, out var value))
            bindingContext.Result = ModelBindingResult.Success(value);
        else
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, $"“{bindingContext.ModelMetadata.GetDisplayName()}”只能勾选或不勾选，请重新选择");
            bindingContext.Result = ModelBindingResult.Failed();
        }
        return Task.CompletedTask;
    }
}

public sealed class BooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.UnderlyingOrModelType == typeof(bool) ? new BooleanBinder() : null;
    }
}
