"""Who writes passports and profiles: the profiles app's `edits_passports` ability."""

from senco import access


def test_senco_edits_passports(senco, school):
    assert access.school_scope(senco, school.urn).edits_passports


def test_a_teacher_edits_passports_only_when_allowed(teacher, school):
    assert not access.school_scope(teacher, school.urn).edits_passports
    teacher.memberships.update(can_edit_passports=True)
    assert access.school_scope(teacher, school.urn).edits_passports


def test_a_leader_does_not_edit_passports(leader, school):
    assert not access.school_scope(leader, school.urn).edits_passports
