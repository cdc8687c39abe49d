"""How the offer and groups show money and hours: `{{ cost|pounds }}` reads £1,234.50,
`{{ hours|hours }}` reads 7.5 (no trailing zeros)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    if value is None or value == "":
        return "No figure"
    return f"£{Decimal(value):,.2f}"


@register.filter
def hours(value) -> str:
    text = f"{Decimal(value or 0).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def score(value) -> str:
    """85.0 reads 85; 98.5 stays."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
