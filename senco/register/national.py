"""National figures for England that the school's own figures are set beside.

Every figure carries its source. Update them here, and only here, when the DfE
publishes the next year's statistics.
"""

SEN_IN_ENGLAND_2025 = (
    "DfE, Special educational needs in England, January 2025 "
    "(school census; all schools in England)"
)
EHC_PLANS_2025 = (
    "DfE, Education, health and care plans, reporting year 2025: all EHC plans maintained "
    "by local authorities in January 2025, by primary need"
)

# Percent of all pupils in England.
EHC_PLAN_PERCENT = 5.3
SEN_SUPPORT_PERCENT = 14.2
EHC_PLAN_PUPILS = 482_640
SEN_SUPPORT_PUPILS = 1_284_284

# Percent of pupils with each provision who are boys (SEN in England, January 2025).
BOYS_PERCENT_OF = {"E": 71.0, "K": 61.0}

# Percent of EHC plans with each primary need, England, January 2025 (EHC plans 2025).
EHC_PLAN_PRIMARY_NEED_PERCENT = {
    "ASD": 31.5,
    "SLCN": 21.3,
    "SEMH": 20.7,
    "MLD": 10.6,
    "SLD": 4.0,
    "PD": 3.9,
    "SPLD": 2.3,
    "HI": 1.4,
    "PMLD": 1.3,
    "OTH": 1.2,
    "VI": 0.8,
    "MSI": 0.3,
}
