"""Turning a service's ValidationError into a form's errors, written once."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form: on the field they name where the form has it,
    otherwise at the top of the form, so that what the person typed is kept."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
