"""How the impact and funding pages show money and gains: `{{ cost|pounds }}` reads
£1,234.50; `{{ gain|signed }}` reads +6 or -2.5."""

from decimal import Decimal

from django import template

from senco.provision import impact

register = template.Library()


@register.filter
def pounds(value) -> str:
    return impact.pounds(value)


@register.filter
def signed(value) -> str:
    """A gain with its sign, without a needless ".0"."""
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return text if value < 0 else f"+{text}"


@register.filter
def figure(value) -> str:
    """A score or figure without a needless ".0"."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value.to_integral():f}" if value == value.to_integral() else f"{value:f}"
