"""plans.selectors.view_request_for: the plans app's own gate, built on access.pupil_for."""

import pytest
from django.http import Http404

from senco.audit.actor import Actor
from senco.plans import services
from senco.plans.models import ViewRequest
from senco.plans.selectors import view_request_for


@pytest.fixture
def view_request(senco, teacher, pupil):
    cycle = services.cycle_start(actor=Actor(senco), pupil=pupil)
    return ViewRequest.objects.create(cycle=cycle, teacher=teacher)


def test_view_request_for_its_teacher(teacher, view_request):
    found, scope = view_request_for(teacher, view_request.pk)
    assert found == view_request
    assert scope.role == "teacher"


def test_view_request_that_does_not_exist_is_404(teacher):
    with pytest.raises(Http404):
        view_request_for(teacher, 999999)


def test_view_request_of_another_teacher_is_404(senco, view_request):
    with pytest.raises(Http404):
        view_request_for(senco, view_request.pk)


def test_view_request_when_the_teacher_no_longer_teaches_the_pupil_is_404(
    teacher, pupil, view_request
):
    teacher.teaching_groups.get().pupils.remove(pupil)
    with pytest.raises(Http404):
        view_request_for(teacher, view_request.pk)
