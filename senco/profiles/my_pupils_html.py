"""The rows of My pupils' tables, built in Python (senco/lib/html.py): a teacher of several
groups has a hundred rows, and each was ~260 lookups by the template engine, two thirds of
the page's time (issue 13). The markup is what profiles/my_pupils.html wrote."""

from django.utils.safestring import SafeString

from senco.lib.html import escaped, html_row, linebreaksbr, url_pattern
from senco.profiles.selectors import SendPupil

_PUPIL = (
    '      <tr class="govuk-table__row">\n'
    '        <th scope="row" class="govuk-table__header"{}>\n'
    "          {}"
    '<a class="govuk-link" href="{}">{}</a><br>\n'
    '          <span class="govuk-body-s">{}</span>\n'
    "          {}\n"
    "        </th>\n"
    '        <td class="govuk-table__cell" data-label="What helps me">{}</td>\n'
    '        <td class="govuk-table__cell" data-label="I find it difficult to">{}</td>\n'
    '        <td class="govuk-table__cell" data-label="Others can support me by">{}</td>\n'
    "      </tr>\n"
)
_PHOTO = '<img src="{}?v={}" alt="" width="60" height="{}" class="senco-thumbnail"><br>\n          '
_TAG = '<br><strong class="govuk-tag govuk-tag--orange">{}</strong>'
_SECTION = (
    '\n          <h3 class="govuk-heading-s govuk-!-margin-bottom-1">{}'
    '<span class="govuk-visually-hidden">, {}</span></h3>\n'
    '          <ul class="govuk-list govuk-list--bullet">'
)
_LINE_TAG = ' <strong class="govuk-tag govuk-tag--orange">{}</strong>'


def _text(value: str) -> str:
    """A passport's answer as the page shows it: "-" when empty, line breaks kept."""
    return linebreaksbr(value or "-")


def _for_teachers(pupil: SendPupil) -> str:
    out = [
        '      <tr class="govuk-table__row">\n        <td class="govuk-table__cell" colspan="3">'
    ]
    for section in pupil.for_teachers:
        out.append(html_row(_SECTION, section.title, pupil.full_name))
        for line in section.lines:
            tag = html_row(_LINE_TAG, line.tag) if line.tag else ""
            out.append(f"\n            <li>{linebreaksbr(line.text)}{tag}</li>")
        out.append("\n          </ul>")
    out.append("\n        </td>\n      </tr>\n")
    return "".join(out)


def pupil_rows(pupils: list[SendPupil]) -> SafeString:
    """Each pupil's row (photo, name, provision and need, whether the passport is out of
    date, its three answers) and, when capabilities add something for teachers, a second
    row with it."""
    photo_url = url_pattern("pupil_photo", 1)
    passport_url = url_pattern("passport_detail", 1)
    out = []
    for p in pupils:
        photo = ""
        if p.photo:
            height = round(p.photo.height / p.photo.width * 60) if p.photo.width else 0
            photo = html_row(_PHOTO, photo_url.format(p.pk), p.photo.key, height)
        status = p.get_sen_provision_display()
        if p.primary_need:
            status = f"{status}, {p.get_primary_need_display()}"
        tag = ""
        if p.passport_out_of_date:
            tag = html_row(_TAG, "Out of date" if p.passport else "No passport")
        passport = p.passport
        out.append(
            _PUPIL.format(
                ' rowspan="2"' if p.for_teachers else "",
                photo,
                escaped(passport_url.format(p.pk)),
                escaped(p.full_name),
                escaped(status),
                tag,
                _text(passport.what_helps_me if passport else ""),
                _text(passport.find_difficult if passport else ""),
                _text(passport.others_support_me_by if passport else ""),
            )
        )
        if p.for_teachers:
            out.append(_for_teachers(p))
    return SafeString("".join(out))
