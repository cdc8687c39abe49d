"""Text for the demo's assess-plan-do-review cycles (senco/plans/demo.py).

Pure data. By need: outcomes with their success criteria, provision, and the tests or
screeners that give the evidence (name, lowest and highest standard score; 0, 0 for a
screener with findings instead); then observations, views, notes and next steps any cycle
might have. MSI shares HI's lines, PMLD SLD's, and OTH and NSA the general "SOCIAL" lines.
"""

from senco.schools.models import School

NEED_TEXT = {
    "SLCN": {
        "outcomes": [
            (
                "To follow two-step instructions in class without an adult repeating them.",
                "Follows two-step instructions in 4 out of 5 observed lessons.",
            ),
            (
                "To use five new topic words correctly each half term.",
                "Uses the words in speech and writing; checked with the word mat at the review.",
            ),
            (
                "To ask for help when unsure, using a help card or question stem.",
                "Asks for help at least once a lesson without prompting (teacher log).",
            ),
            (
                "To retell a short story or explanation in the right order.",
                "Retells with at least four key points in sequence.",
            ),
        ],
        "provision": [
            "Language for Thinking group, 3 x 20 minutes a week",
            "Pre-teaching of topic vocabulary, 15 minutes before new units",
            "Speech and language therapy targets practised daily (10 minutes)",
        ],
        "tests": [("BPVS-3 receptive vocabulary", 68, 84), ("CELF-5 screener", 70, 85)],
        "primary_tests": [("WellComm screening", 0, 0)],
    },
    "ASD": {
        "outcomes": [
            (
                "To manage changes to the routine with a warning and a visual prompt.",
                "Stays in the lesson after a change in 4 out of 5 cases (TA log).",
            ),
            (
                "To use the time-out card instead of leaving the room without asking.",
                "Uses the card each time, returning within ten minutes.",
            ),
            (
                "To take part in a structured group task with a given role.",
                "Completes the role in two group tasks each half term.",
            ),
            (
                "To eat lunch in the dining hall or the quiet room on most days.",
                "Eats lunch on at least four days a week (lunchtime supervisor record).",
            ),
        ],
        "provision": [
            "Social communication group (Lego-based), 1 x 45 minutes a week",
            "Daily check-in with key adult at the start of the day (10 minutes)",
            "Access to the quiet room at break and lunch",
            "Social stories before transitions and trips",
        ],
        "tests": [("SDQ teacher version: total difficulties", 17, 28)],
    },
    "SPLD": {
        "outcomes": [
            (
                "To improve reading accuracy so that reading age rises by six months.",
                "Salford reading age up by at least six months by the review.",
            ),
            (
                "To spell the 100 high-frequency words accurately in writing.",
                "90% accurate in an unseen dictation and in books.",
            ),
            (
                "To plan extended writing using a writing frame.",
                "Uses the frame for three pieces of extended writing, each at least a page.",
            ),
            (
                "To touch-type at 20 words a minute to use a laptop in lessons.",
                "20 wpm on the typing programme, checked at the review.",
            ),
        ],
        "provision": [
            "Precision teaching of spelling, 3 x 10 minutes a week",
            "Toe by Toe reading programme, 4 x 15 minutes a week",
            "Touch-typing programme, 2 x 20 minutes a week",
            "Reader pen and coloured overlay in all lessons; extra time (25%) in tests",
        ],
        "tests": [
            ("New Group Reading Test (NGRT)", 70, 84),
            ("Single Word Spelling Test (SWST)", 68, 83),
        ],
    },
    "SEMH": {
        "outcomes": [
            (
                "To use a calming strategy (breathing, exit card) when becoming anxious.",
                "Uses a strategy without adult prompting in 3 out of 4 recorded incidents.",
            ),
            (
                "To name feelings using the 5-point scale at the morning check-in.",
                "Completes the check-in every day for a half term.",
            ),
            (
                "To reduce removals from lessons.",
                "Fewer than two removals a half term (behaviour log).",
            ),
            (
                "To attend school every day, arriving on time.",
                "Attendance at least 95% over the cycle.",
            ),
        ],
        "provision": [
            "ELSA sessions, 1 x 30 minutes a week for six weeks",
            "Daily morning check-in with key adult (10 minutes)",
            "Exit card and access to the calm room",
            "Zones of Regulation group, 1 x 40 minutes a week",
        ],
        "tests": [("SDQ teacher version: total difficulties", 17, 30)],
        "primary_tests": [("Boxall Profile: developmental strands", 0, 0)],
    },
    "MLD": {
        "outcomes": [
            (
                "To recall number bonds to 20 quickly and accurately.",
                "Answers 18 of 20 in a two-minute quiz on three occasions.",
            ),
            (
                "To read and understand a short text at their reading level.",
                "Answers four of five retrieval questions correctly.",
            ),
            (
                "To complete a task independently using a step-by-step checklist.",
                "Completes two tasks a week without adult help (class teacher).",
            ),
        ],
        "provision": [
            "Numeracy intervention (Numicon / Plus 1), 3 x 20 minutes a week",
            "Reading comprehension group, 2 x 30 minutes a week",
            "Pre-teaching and over-learning with the TA, 2 x 15 minutes a week",
        ],
        "tests": [
            ("Sandwell Early Numeracy Test", 65, 82),
            ("Salford Sentence Reading Test (standardised score)", 68, 84),
        ],
    },
    "HI": {
        "outcomes": [
            (
                "To check and manage own hearing aids and radio aid each morning.",
                "Does the daily check independently every day (TA tick sheet).",
            ),
            (
                "To tell staff when they have not heard something.",
                "Asks for repetition at least once a lesson when needed.",
            ),
        ],
        "provision": [
            "Radio aid in all lessons; teacher of the deaf visits half-termly",
            "Pre-teaching of vocabulary, 2 x 15 minutes a week",
        ],
        "tests": [("Audiology report", 0, 0)],
    },
    "VI": {
        "outcomes": [
            (
                "To use the magnifier and tablet independently to access text.",
                "Uses them without prompting in all lessons (teacher check).",
            ),
            (
                "To move around school safely at busy times.",
                "Independent between lessons, as assessed by the habilitation officer.",
            ),
        ],
        "provision": [
            "Modified large-print resources prepared in advance",
            "Habilitation sessions with the sensory support service, half-termly",
        ],
        "tests": [("Functional vision assessment", 0, 0)],
    },
    "PD": {
        "outcomes": [
            (
                "To improve handwriting speed and legibility.",
                "Handwriting speed up to 12 words a minute, legible to an adult reader.",
            ),
            (
                "To manage own equipment and move between lessons independently.",
                "Arrives at lessons on time with equipment on four of five days.",
            ),
        ],
        "provision": [
            "Fine motor skills programme (OT advice), 3 x 10 minutes a week",
            "Physiotherapy exercises with TA, daily (15 minutes)",
            "Laptop and sloped board in lessons; lift pass",
        ],
        "tests": [("DASH handwriting speed", 65, 82)],
    },
    "SLD": {
        "outcomes": [
            (
                "To use a now-and-next board to move between activities calmly.",
                "Moves between activities with the board in 4 out of 5 observed transitions.",
            ),
            (
                "To make choices using symbols or signs.",
                "Makes a choice at snack and in play every day (TA record).",
            ),
        ],
        "provision": [
            "Individual timetable with a 1:1 TA for most of the day",
            "Makaton and symbol-supported communication throughout the day",
            "Life skills group, 2 x 30 minutes a week",
        ],
        "tests": [("Engagement Model observation", 0, 0)],
    },
    "SOCIAL": {  # OTH and NSA
        "outcomes": [
            (
                "To catch up on work missed through absence within a week.",
                "Missed work completed and checked by the subject teacher.",
            ),
            (
                "To use a planner to record and hand in homework on time.",
                "Hands in 90% of homework on time over the cycle.",
            ),
            (
                "To stay on task for 15 minutes with a visual timer.",
                "Stays on task for 15 minutes in 4 out of 5 observations.",
            ),
        ],
        "provision": [
            "Catch-up sessions with TA after absences, 2 x 20 minutes a week",
            "Weekly mentoring with the head of year (15 minutes)",
            "Individual healthcare plan followed by all staff",
        ],
        "tests": [
            ("Salford Sentence Reading Test (standardised score)", 75, 88),
            ("PUMA maths (standardised score)", 74, 88),
        ],
    },
}
NEED_TEXT["MSI"] = NEED_TEXT["HI"]
NEED_TEXT["PMLD"] = NEED_TEXT["SLD"]
NEED_TEXT["OTH"] = NEED_TEXT["SOCIAL"]
NEED_TEXT["NSA"] = NEED_TEXT["SOCIAL"]

OBSERVATIONS = [
    "Observed in {subject}: on task for about half the lesson; needed the instructions "
    "repeated twice and relied on a peer to start.",
    "Observed in {subject}: settled well with a visual prompt; became anxious when the "
    "seating plan changed and needed five minutes out.",
    "Observed in {subject}: contributed orally when asked directly, but wrote only three "
    "lines in twenty minutes.",
    "Observed in {subject}: managed the first task independently; asked for help using the "
    "help card on the second.",
    "Observed at lunch and break: plays alongside others but finds joining a game difficult.",
]
PUPIL_VIEWS = [
    "Says {subject} is the hardest lesson because there is so much to read. Likes working "
    "with the TA in small groups.",
    "Says the quiet room helps and that mornings are better since the check-ins started.",
    "Would like more time to finish work and does not want to be moved away from friends.",
    "Says spelling tests make them feel stupid; enjoys the typing programme.",
    "Says they understand more when the teacher shows an example first.",
]
PARENT_VIEWS = [
    "Parents report homework takes a long time and ends in arguments; they would like "
    "shorter tasks and a weekly update.",
    "Mum says mornings are difficult and their child is often anxious on Sunday nights.",
    "Parents are pleased with progress in reading and will keep reading every night.",
    "Parents would like to know the vocabulary in advance so they can practise at home.",
    "Dad says sleep has improved since the GP appointment; they will share the letter.",
]
NOTES = [
    "Attended all three intervention sessions this week; engaged well.",
    "Missed Tuesday's session (assembly); caught up on Thursday.",
    "Used the exit card twice this week and came back within ten minutes both times.",
    "Spoke to parents at pick-up; they report things are calmer at home.",
    "Good progress on spellings: 8/10 in Friday's check, up from 5/10.",
    "Struggled after the change of teacher; social story used and this helped.",
    "Completed the first piece of extended writing on the laptop.",
    "Reminded staff about the seating plan after a cover lesson.",
]
TEACHER_VIEWS = [
    "Settling better in lessons; the word mat is being used without prompting.",
    "Still finds starting tasks hard. The checklist helps when I remember to give it out.",
    "Much more confident answering questions when given warning.",
    "Homework rarely handed in; I think the planner is not being used.",
    "Good progress: handing in work on time and contributing in pair work.",
]
NEXT_STEPS = [
    "Continue the intervention for another cycle and share strategies with all teachers.",
    "Reduce the TA support in lessons to build independence; keep the morning check-in.",
    "Refer to the speech and language therapist for further assessment.",
    "Ask the educational psychologist for advice at the next planning meeting.",
    "Carry forward the outcomes not yet met; add a new outcome on independence.",
]
REVIEW_VIEWS = {
    "pupil": [
        "Says the group sessions help and wants to keep going.",
        "Feels more confident in English; still finds maths hard.",
        "Happier in school; likes the new seat near the door.",
    ],
    "parent": [
        "Parents pleased with progress and agree to continue the plan.",
        "Mum would like more communication about what is done in school each week.",
        "Parents agree to practise the spellings at home three times a week.",
    ],
    "teacher": [
        "Class teacher reports better focus and more work completed.",
        "Subject teachers note fewer removals and better relationships with peers.",
        "Teachers report the strategies are working but progress is slow.",
    ],
}
BELOW = [
    "well below age-related expectations (average 85-115).",
    "below average; a clear gap with the pupil's verbal reasoning.",
    "below average, and lower than at the last assessment a year ago.",
]
SCREENER_FINDINGS = {
    "WellComm screening": "red band for understanding language; amber for talking.",
    "Boxall Profile: developmental strands": "low scores on 'attunement to others' and "
    "'engages cognitively with peers'.",
    "Audiology report": "moderate bilateral hearing loss (about 45 dB); hearing aids both ears.",
    "Functional vision assessment": "needs N24 print at 30 cm; reduced distance acuity.",
    "Engagement Model observation": "sustained engagement for about four minutes with a "
    "preferred activity; anticipation shown with routines.",
}
SUBJECTS = {
    School.Phase.PRIMARY: ["English", "maths", "phonics", "science", "topic"],
    School.Phase.SECONDARY: ["English", "maths", "science", "humanities", "design technology"],
}
