"""What the demo's register looks like: needs in the national shape, and the reasons
written on register changes.

Pure data, read by senco/demo/history.py and senco/demo/school.py. The percent weights of
primary need, by provision and phase, follow the shape of DfE "Special educational needs in
England" (2025).
"""

from senco.lib.codes import Provision
from senco.schools.models import School

PRIMARY_NEED_WEIGHTS = {
    (Provision.SEN_SUPPORT, School.Phase.PRIMARY): {
        "SLCN": 33, "SEMH": 17, "MLD": 16, "ASD": 10, "SPLD": 7, "NSA": 4, "OTH": 3,
        "PD": 2.5, "HI": 1.5, "VI": 1, "SLD": 0.6, "MSI": 0.2, "PMLD": 0.2,
    },
    (Provision.SEN_SUPPORT, School.Phase.SECONDARY): {
        "SLCN": 21, "SEMH": 21, "MLD": 17, "SPLD": 13, "ASD": 13, "NSA": 3, "OTH": 3.5,
        "PD": 2.5, "HI": 2, "VI": 1, "SLD": 0.7, "MSI": 0.3,
    },
    (Provision.EHC_PLAN, School.Phase.PRIMARY): {
        "ASD": 34, "SLCN": 30, "SEMH": 11, "SLD": 6, "MLD": 5, "PD": 5, "PMLD": 2, "HI": 2,
        "OTH": 1.5, "VI": 1, "MSI": 0.5, "SPLD": 0.5,
    },
    (Provision.EHC_PLAN, School.Phase.SECONDARY): {
        "ASD": 33, "SLCN": 19, "SEMH": 21, "MLD": 10, "SLD": 5, "PD": 4, "SPLD": 3, "HI": 2,
        "OTH": 1.5, "VI": 1, "PMLD": 1, "MSI": 0.5,
    },
}  # fmt: skip
SECONDARY_NEED_WEIGHTS = {
    "ASD": {"SEMH": 40, "SLCN": 30, "MLD": 12, "SPLD": 6, "PD": 6, "OTH": 6},
    "SLCN": {"SEMH": 25, "MLD": 25, "SPLD": 20, "ASD": 15, "HI": 5, "PD": 5, "OTH": 5},
    "SEMH": {"SLCN": 30, "SPLD": 20, "MLD": 20, "ASD": 15, "OTH": 15},
    "MLD": {"SLCN": 40, "SEMH": 30, "PD": 10, "SPLD": 10, "OTH": 10},
    "SPLD": {"SEMH": 35, "SLCN": 30, "MLD": 15, "OTH": 10, "VI": 10},
}
DEFAULT_SECONDARY_NEEDS = {"SLCN": 30, "SEMH": 30, "MLD": 20, "PD": 10, "OTH": 10}
# A need a pupil was first recorded with before a specialist assessment changed it.
EARLIER_NEED = {
    "ASD": ["SLCN", "SEMH"],
    "SPLD": ["MLD", "NSA"],
    "SLCN": ["NSA"],
    "SEMH": ["NSA", "SLCN"],
    "MLD": ["NSA", "SLCN"],
    "SLD": ["MLD"],
}
FINDINGS = {
    "SLCN": "difficulties understanding instructions and with expressive language "
    "(language screener well below age-related expectations)",
    "ASD": "difficulties with social communication, changes of routine and sensory overload; "
    "referred to the autism assessment pathway",
    "SPLD": "a profile consistent with dyslexia: reading and spelling standardised scores "
    "below 85 despite good verbal reasoning",
    "MLD": "attainment well below age-related expectations across the curriculum despite "
    "targeted support",
    "SLD": "significant learning difficulties across all areas; educational psychologist involved",
    "PMLD": "profound and multiple learning difficulties needing support throughout the day",
    "SEMH": "persistent anxiety and difficulty regulating emotions in class (Boxall profile "
    "and SDQ completed)",
    "HI": "a hearing loss confirmed by audiology; advice from the sensory support service",
    "VI": "a visual impairment confirmed by the eye clinic; advice from the sensory support "
    "service",
    "MSI": "combined hearing and visual impairment; advice from the sensory support service",
    "PD": "a physical disability affecting mobility and fine motor skills; occupational "
    "therapy advice in place",
    "OTH": "a medical condition affecting attendance and learning (individual healthcare plan "
    "in place)",
    "NSA": "gaps in learning needing provision different from peers; further assessment planned",
}
CONFIRMED_BY = {
    "ASD": "an autism diagnosis from the community paediatrician",
    "SLCN": "a speech and language therapy assessment",
    "SPLD": "a specialist dyslexia assessment",
    "SEMH": "a CAMHS assessment",
    "MLD": "an educational psychologist's assessment",
    "SLD": "an educational psychologist's assessment",
}
OFF_REGISTER_REASONS = [
    "Made good progress over two assess-plan-do-review cycles and is now working at "
    "age-related expectations; no longer needs provision additional to or different from "
    "that for other pupils. Removed after the review meeting with parents.",
    "Needs now met through quality first teaching and adaptations in class; removed from the "
    "register after the termly review, agreed with parents.",
    "Speech and language therapy discharged with targets met; removed from SEN support after "
    "review with parents.",
]
EHC_ISSUED_REASONS = [
    "EHC plan issued by the local authority after an EHC needs assessment requested by the school.",
    "EHC plan issued by the local authority following the needs assessment requested by "
    "parents; school named in section I.",
    "Final EHC plan issued by the local authority; provision in section F starts this term.",
]
