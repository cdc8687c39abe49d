"""How the provision maps show money and hours: `{{ cost|gbp }}` reads £1,234.50 (and "None"
for no figure); `{{ hours|hrs }}` reads 1.5."""

from decimal import Decimal

from django import template

from senco.provision import maps

register = template.Library()


@register.filter
def gbp(value) -> str:
    if value is None or value == "":
        return "None"
    return f"£{Decimal(value):,.2f}"


@register.filter
def hrs(value) -> str:
    return f"{maps.hours(Decimal(value or 0)):f}"
