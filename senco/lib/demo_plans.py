"""Demo term dates, pupil passports and assess-plan-do-review cycles (`senco.lib.demo`).

Called by `_SchoolBuilder.build()` once a school's pupils, groups and TAs exist. Everything
comes from the builder's random generator and is written with `bulk_create`, so the
20-school bench trust stays quick to seed and every run gives the same rows.

As of `DEMO_TODAY` (25 November 2026, autumn term 2026/27), the passports of about 80% of
the register exist and about 15% of those were last reviewed before the summer term (out
of date); about 85% of pupils at SEN support and 40% of those with an EHC plan have a
cycle in progress, a third of them after a reviewed earlier cycle; about 5% of the
reviews are overdue and 10% due within two weeks, with teachers' views asked for.
"""

import datetime
import random

from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from senco.accounts.models import Membership, Role
from senco.lib.codes import Provision
from senco.plans.models import Cycle, Evidence, Note, Outcome, OutcomeProgress, Review, ViewRequest
from senco.profiles.models import PassportVersion
from senco.schools.models import School, Term

BATCH = 500

# (academic year, name, first day, last day) for every demo school.
TERM_DATES = [
    (2025, Term.AUTUMN, datetime.date(2025, 9, 3), datetime.date(2025, 12, 19)),
    (2025, Term.SPRING, datetime.date(2026, 1, 5), datetime.date(2026, 3, 27)),
    (2025, Term.SUMMER, datetime.date(2026, 4, 13), datetime.date(2026, 7, 22)),
    (2026, Term.AUTUMN, datetime.date(2026, 9, 2), datetime.date(2026, 12, 18)),
    (2026, Term.SPRING, datetime.date(2027, 1, 5), datetime.date(2027, 3, 26)),
    (2026, Term.SUMMER, datetime.date(2027, 4, 12), datetime.date(2027, 7, 21)),
]
SUMMER_2026 = (datetime.date(2026, 4, 13), datetime.date(2026, 7, 22))  # the previous term
AUTUMN_2026 = (datetime.date(2026, 9, 2), datetime.date(2026, 12, 18))  # the current term
SPRING_2027_END = datetime.date(2027, 3, 26)
HISTORY_START = datetime.date(2024, 9, 5)

PASSPORT_SHARE = 0.80
OUT_OF_DATE_SHARE = 0.15
CYCLE_SHARE = {Provision.SEN_SUPPORT: 0.85, Provision.EHC_PLAN: 0.40}
CLOSED_SHARE = 0.33
OVERDUE_SHARE = 0.05
DUE_SOON_SHARE = 0.10
UNPLANNED_SHARE = 0.06

# --- Text ----------------------------------------------------------------------------------
# By need: first-person lines for the passport, and the plan's outcomes, provision and tests.

NEED_TEXT = {
    "SLCN": {
        "helps": [
            "Give me one instruction at a time and show me what to do.",
            "Pictures or a visual timetable so I know what is coming.",
            "Key words written on the board before the lesson starts.",
            "Extra time to think before I answer; count to ten in your head.",
            "A word mat with the topic vocabulary on my table.",
            "Sentence starters so I know how to begin.",
        ],
        "hard": [
            "follow long instructions, especially when they are only spoken",
            "find the right words when I am put on the spot",
            "understand new topic words",
            "explain my ideas in writing",
            "join in with group discussions when everyone talks at once",
        ],
        "communicate": [
            "use short sentences and check I have understood by asking me to tell you back",
            "get my attention by saying my name first",
            "give me time to answer and don't finish my sentences for me",
        ],
        "learn": [
            "I can see as well as hear what to do",
            "new words are taught before the lesson",
            "I work with a partner who explains things kindly",
        ],
        "others": [
            "chunking instructions and writing them down",
            "pre-teaching key vocabulary",
            "modelling answers and giving sentence starters",
            "checking understanding quietly rather than in front of the class",
        ],
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
        "helps": [
            "Tell me before things change, like a supply teacher or a trip.",
            "A visual timetable so I know what is happening today.",
            "A quiet place to go when it gets too loud.",
            "Ear defenders in noisy lessons and assemblies.",
            "Let me sit in the same seat near the door.",
            "Clear, literal language; I take what you say exactly as you say it.",
            "A time-out card I can use without having to explain.",
        ],
        "hard": [
            "cope with sudden changes to my routine",
            "work in groups when I don't know the roles",
            "cope with loud, busy places like the dining hall and corridors",
            "understand jokes, sarcasm and what people mean when they don't say it",
            "start a task when I am not sure exactly what to do",
        ],
        "communicate": [
            "say exactly what you mean and avoid sarcasm",
            "give me warning before you ask me a question in front of the class",
            "talk to me calmly and don't insist on eye contact",
        ],
        "learn": [
            "I know what is going to happen in the lesson",
            "the task has clear steps and I know when it is finished",
            "I can link it to things I am interested in",
        ],
        "others": [
            "warning me about changes as early as possible",
            "giving me a clear structure for group work with a named role",
            "letting me leave lessons five minutes early to avoid busy corridors",
            "using my time-out card without asking me questions",
        ],
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
        "helps": [
            "Coloured overlay; don't ask me to read aloud without warning.",
            "Handouts on cream paper in a clear font, size 14.",
            "Time to copy from the board, or a printed copy of the notes.",
            "Using a laptop or a reader pen for longer pieces of writing.",
            "Spellings to learn in small groups of words with the same pattern.",
            "Extra time in tests.",
        ],
        "hard": [
            "read aloud in front of the class",
            "copy from the board quickly",
            "spell longer words, even ones I know when I say them",
            "remember a list of instructions",
            "get my ideas down on paper as fast as I can say them",
        ],
        "communicate": [
            "tell me as well as writing it down",
            "give me a printed copy of homework rather than expecting me to copy it",
        ],
        "learn": [
            "I can show what I know by talking or drawing, not only writing",
            "I have a writing frame to organise my ideas",
            "I use my overlay and my reader pen",
        ],
        "others": [
            "never asking me to read aloud without warning",
            "marking for ideas, not only spelling",
            "giving me printed notes and homework",
            "letting me use a laptop for extended writing",
        ],
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
        "helps": [
            "A quiet space when I feel overwhelmed.",
            "A calm, private word rather than being told off in front of others.",
            "A check-in with my key adult at the start of the day.",
            "A movement break or a job when I can't sit still any longer.",
            "Knowing who I can go to if something goes wrong at break.",
            "Praise in private; I find it embarrassing in front of the class.",
        ],
        "hard": [
            "calm down when I am angry or upset",
            "start work when I am worried I will get it wrong",
            "cope with unstructured times like break and lunch",
            "talk about how I am feeling",
            "accept it when I have made a mistake",
        ],
        "communicate": [
            "speak calmly and quietly, away from other people",
            "give me time to calm down before talking about what happened",
            "use the feelings scale so I can show you how I feel without words",
        ],
        "learn": [
            "I feel safe and know the adult in the room",
            "tasks are broken into short chunks with a clear end",
            "I know I can ask for help without people noticing",
        ],
        "others": [
            "noticing early signs that I am getting upset (fidgeting, head down)",
            "using my exit card without questioning me",
            "giving me a fresh start each lesson",
            "talking to me privately afterwards, never in front of the class",
        ],
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
        "helps": [
            "Work broken into small steps with a checklist.",
            "Number lines, cubes and other things I can touch in maths.",
            "Going over what we did last lesson before starting something new.",
            "Examples I can look at while I work.",
            "Extra time to finish, or fewer questions.",
        ],
        "hard": [
            "remember what I learnt last week",
            "work on my own for a long time",
            "understand new ideas the first time they are explained",
            "read the questions in tests",
        ],
        "communicate": [
            "use simple words and show me an example",
            "check I understand by asking me to show you, not just asking if I understand",
        ],
        "learn": [
            "I can practise things a lot of times",
            "I can use objects and pictures",
            "an adult checks in with me early in the task",
        ],
        "others": [
            "breaking tasks into steps and giving me a checklist",
            "revisiting key facts at the start of each lesson",
            "giving me a worked example to keep",
        ],
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
        "helps": [
            "Sit me near the front, with my better ear towards you.",
            "Use the radio aid and check it is switched on.",
            "Face me when you talk; I lip-read as well as listen.",
            "Subtitles on every video.",
            "Key words written down, especially new vocabulary.",
        ],
        "hard": [
            "hear in noisy rooms or when people talk at the same time",
            "follow videos without subtitles",
            "hear what other pupils say in discussions",
        ],
        "communicate": [
            "face me, speak clearly at a normal pace and don't cover your mouth",
            "repeat what other pupils say in discussions",
        ],
        "learn": ["the room is quiet", "I can see your face and the board"],
        "others": [
            "checking my radio aid is working at the start of the lesson",
            "repeating other pupils' answers",
            "turning on subtitles",
        ],
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
        "helps": [
            "Worksheets enlarged to A3, in size 24 font.",
            "Sit near the board, away from the window glare.",
            "My own copy of anything on the board.",
            "Tell me your name when you come up to me.",
        ],
        "hard": [
            "read small print or faint photocopies",
            "see the board from the back of the room",
            "move around busy corridors safely",
        ],
        "communicate": [
            "say my name first and tell me who you are",
            "describe what is on the board or in pictures",
        ],
        "learn": ["I have my own enlarged copy", "the lighting is good and there is no glare"],
        "others": [
            "enlarging resources before the lesson",
            "describing diagrams and pictures",
            "letting me leave a few minutes early to avoid crowds",
        ],
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
        "helps": [
            "A sloped writing board and a thicker pen.",
            "Using a laptop for longer writing.",
            "Leaving lessons early so I can use the lift before the corridors fill up.",
            "A seat near the door with room for my walker.",
            "Rest breaks when I get tired.",
        ],
        "hard": [
            "write quickly or neatly for a long time",
            "carry my bag and books between lessons",
            "join in with some PE activities",
        ],
        "communicate": ["ask me what I can do, rather than assuming"],
        "learn": ["I have my equipment ready", "I'm not rushed"],
        "others": [
            "letting me use the lift and leave early",
            "giving me printed notes so I write less",
            "adapting PE so I can join in",
        ],
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
        "helps": [
            "Photos and symbols to show me what is next.",
            "The same adult working with me each day.",
            "Short activities with lots of practice.",
            "Makaton signs alongside speech.",
        ],
        "hard": [
            "understand lots of words at once",
            "wait for my turn",
            "move from one activity to another",
        ],
        "communicate": [
            "use simple words, signs and my symbol board",
            "give me time to answer with my symbols",
        ],
        "learn": ["things are practical and hands-on", "I get lots of repetition"],
        "others": [
            "using my now-and-next board",
            "signing key words with Makaton",
            "giving me real objects to explore",
        ],
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
        "helps": [
            "Reminders written down in my planner.",
            "A check-in with an adult at the start of the lesson.",
            "Work sent home when I miss school for appointments.",
            "Being told what I have missed in a short summary.",
            "Sitting with someone who helps me get started.",
        ],
        "hard": [
            "catch up when I have missed lessons",
            "concentrate for a whole lesson",
            "keep track of homework and deadlines",
            "ask for help in front of the class",
        ],
        "communicate": [
            "talk to me privately and check I have understood",
            "write down anything important",
        ],
        "learn": ["I know what I have to do and by when", "I can ask for help quietly"],
        "others": [
            "checking I know what to do at the start of the task",
            "sending a summary of missed work home",
            "letting me take rest breaks if I need them",
        ],
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

ENJOY = {
    School.PRIMARY: [
        "playing football at break",
        "Lego and building things",
        "drawing and colouring",
        "reading comics with my dad",
        "swimming",
        "dinosaurs",
        "Minecraft",
        "helping in the classroom",
        "dancing",
        "feeding the chickens in the school garden",
        "music and singing",
        "playing with my little brother",
        "being outside",
    ],
    School.SECONDARY: [
        "football and going to the gym",
        "gaming with my friends",
        "drawing anime",
        "music, especially drill and grime",
        "cooking with my nan",
        "drama club",
        "basketball",
        "looking after my dog",
        "art and design",
        "science experiments",
        "making videos",
        "fixing bikes",
        "reading fantasy books",
        "history, especially the Second World War",
    ],
}
LIKED = [
    "I am kind and look after younger children.",
    "I make people laugh.",
    "I work really hard, even when things are difficult.",
    "I am honest and always tell the truth.",
    "I am good with animals.",
    "I am creative and have great ideas.",
    "I am a loyal friend.",
    "I never give up.",
    "I am polite to visitors.",
    "I know a lot about things I am interested in.",
    "I am helpful and always offer to tidy up.",
]
IMPORTANT = [
    "Spending time with my family.",
    "My friends, and sitting with them at lunch.",
    "Knowing what is happening each day.",
    "My pets.",
    "Being treated fairly.",
    "Having time to do things I enjoy after school.",
    "My football team.",
    "Going to my grandparents' at the weekend.",
    "Being listened to.",
]
ACHIEVEMENTS = {
    School.PRIMARY: [
        "I got a certificate in assembly for trying hard.",
        "I can read a whole book on my own now.",
        "I learnt my 5 times table.",
        "I was star of the week.",
        "I swam 25 metres.",
        "I read in front of the class at harvest festival.",
    ],
    School.SECONDARY: [
        "I got a merit for my history project.",
        "I passed my grade 2 guitar.",
        "I made the school football team.",
        "I went on the residential trip.",
        "I have had no detentions this half term.",
        "I improved my maths test score by 15 marks.",
        "I helped at the Year 6 open evening.",
    ],
}
LIKE_YOU_TO_KNOW = [
    "Sometimes I look like I'm not listening but I am.",
    "I worry a lot about getting things wrong.",
    "I get tired by the afternoon.",
    "I don't like being the centre of attention.",
    "If I go quiet it usually means I don't understand.",
    "I have a younger sister who is poorly, so things are busy at home.",
    "I want to do well even when it doesn't look like it.",
    "I speak {language} at home as well as English.",
]
PARENTS_THINK = [
    "I have come on a lot this year and they are proud of me.",
    "I need more help with reading at home.",
    "I worry more than I let people see at school.",
    "I am happier when I know what is happening.",
    "I am very capable when I am interested.",
    "I need to get more sleep.",
]
SUPPORT_MYSELF = [
    "asking for help when I'm stuck.",
    "using my help card.",
    "taking a deep breath and counting to ten.",
    "checking my timetable in the morning.",
    "using my word mat.",
    "packing my bag the night before.",
    "telling an adult when something is wrong.",
]
TARGETS = [
    "To ask for help when I need it.",
    "To finish my work in the time given.",
    "To read every night for ten minutes.",
    "To join in more in group work.",
    "To stay calm when things change.",
    "To learn my times tables.",
    "To write in full sentences.",
    "To hand my homework in on time.",
]
OWN_WORDS = [
    "I like it when teachers are calm and explain things again without getting cross.",
    "School is OK but I don't like it when it's noisy.",
    "I want people to know I am trying my best.",
    "Please don't make me read out loud.",
    "I'm good at lots of things, not just the things that are hard.",
    "When I'm stuck I go quiet. Please come and check on me.",
    "I want to be a vet when I grow up.",
    "I like having my own space to work.",
    "Things are better this year because I know who to go to.",
]
LANGUAGES = {
    "pakistani": "Urdu",
    "indian": "Punjabi",
    "bangladeshi": "Bengali",
    "polish": "Polish",
    "romanian": "Romanian",
    "nigerian": "Yoruba",
    "ghanaian": "Twi",
    "somali": "Somali",
    "chinese": "Cantonese",
    "turkish": "Turkish",
    "iberian": "Portuguese",
    "arab": "Arabic",
}
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
    School.PRIMARY: ["English", "maths", "phonics", "science", "topic"],
    School.SECONDARY: ["English", "maths", "science", "humanities", "design technology"],
}


def _day(rng: random.Random, lo: datetime.date, hi: datetime.date) -> datetime.date:
    """A weekday in [lo, hi] (or `lo` when there is none)."""
    if hi <= lo:
        return lo
    d = lo + datetime.timedelta(days=rng.randint(0, (hi - lo).days))
    if d.weekday() >= 5:
        later = d + datetime.timedelta(days=7 - d.weekday())
        earlier = d - datetime.timedelta(days=d.weekday() - 4)
        d = later if later <= hi else earlier if earlier >= lo else d
    return d


def _at(rng: random.Random, day: datetime.date) -> datetime.datetime:
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(user) -> str:
    return f"{user.first_name} {user.last_name}"


def _some(rng: random.Random, items: list, low: int, high: int) -> list:
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def _set_times(model, field: str, rows: list, times: list) -> None:
    """Give auto_now_add fields the demo's dates rather than the moment of seeding."""
    for start in range(0, len(rows), BATCH):
        chunk = list(zip(rows[start : start + BATCH], times[start : start + BATCH], strict=True))
        whens = [When(pk=row.pk, then=Value(at)) for row, at in chunk]
        model.objects.filter(pk__in=[row.pk for row, _ in chunk]).update(
            **{field: Case(*whens, output_field=DateTimeField())}
        )


def build_terms(school: School) -> None:
    Term.objects.bulk_create(
        [
            Term(school=school, academic_year=year, name=name, starts_on=start, ends_on=end)
            for year, name, start, end in TERM_DATES
        ]
    )


class PlansBuilder:
    """Passports and cycles for one school's register, from the school builder's state."""

    def __init__(self, *, rng, school, phase, users, teachers_of, ta_of, heritage, today):
        self.rng = rng
        self.school = school
        self.phase = phase
        self.users = users
        self.teachers_of = teachers_of  # id(pupil) -> [teacher, ...], tutor last
        self.ta_of = ta_of  # id(pupil) -> TA
        self.heritage = heritage  # id(pupil) -> heritage
        self.today = today
        self.senco = users[Role.SENCO][0]
        self.passport_teachers: set[int] = set()

    # -- passports --

    def _passport_texts(self, pupil) -> dict[str, str]:
        rng, phase = self.rng, self.phase
        t = NEED_TEXT[pupil.primary_need]
        second = NEED_TEXT.get(pupil.secondary_need) if pupil.secondary_need else None
        helps = _some(rng, t["helps"], 2, 3) + (_some(rng, second["helps"], 1, 1) if second else [])
        hard = _some(rng, t["hard"], 2, 3)
        enjoy = _some(rng, ENJOY[phase], 2, 3)
        language = LANGUAGES.get(self.heritage.get(id(pupil), ""), "")
        know = [k for k in LIKE_YOU_TO_KNOW if "{language}" not in k]
        if pupil.eal and language:
            know = [LIKE_YOU_TO_KNOW[-1].format(language=language)] + know
        carer = (
            "My foster carer thinks"
            if pupil.looked_after
            else rng.choice(
                ["My mum thinks", "My dad thinks", "My mum and dad think", "My family think"]
            )
        )
        thinks = rng.choice(PARENTS_THINK)
        return {
            "i_enjoy": _cap(", ".join(enjoy[:-1])) + f" and {enjoy[-1]}.",
            "i_learn_best_when": _cap(rng.choice(t["learn"])) + ".",
            "i_communicate_by": rng.choice(
                [
                    "Talking, but I need time to get my words out.",
                    "Talking and drawing.",
                    "Speaking, and using my symbol board when I'm upset.",
                    "Speaking. I might nod rather than answer if I'm worried.",
                ]
                if pupil.primary_need in ("SLCN", "ASD", "SLD", "PMLD")
                else ["Talking.", "Talking and writing.", "Speaking and writing on my laptop."]
            ),
            "to_communicate_with_me": _cap(rng.choice(t["communicate"])) + ".",
            "what_helps_me": " ".join(helps),
            "like_you_to_know": " ".join(_some(rng, know, 1, 2)),
            "find_difficult": _cap("; ".join(hard)) + ".",
            "parents_think": f"{carer} {thinks}",
            "support_myself_by": " ".join(_cap(s) for s in _some(rng, SUPPORT_MYSELF, 1, 2)),
            "others_support_me_by": _cap("; ".join(_some(rng, t["others"], 2, 3))) + ".",
            "recent_achievements": rng.choice(ACHIEVEMENTS[phase]),
            "my_targets": " ".join(_some(rng, TARGETS, 1, 2)),
            "additional_information": rng.choice(
                [
                    "",
                    "",
                    "Extra time (25%) in tests.",
                    "Individual healthcare plan on file: see the medical room.",
                    "Attends speech and language therapy at the community clinic.",
                    "Known to the sensory support service.",
                    "Uses a reader pen; it is kept in the learning support base.",
                ]
            ),
            "liked_and_admired": " ".join(_some(rng, LIKED, 2, 3)),
            "important_to_me": " ".join(_some(rng, IMPORTANT, 2, 3)),
            "how_to_support_me": " ".join(helps[:2]),
            "in_my_own_words": rng.choice(OWN_WORDS),
        }

    def _passport_author(self, pupil):
        teachers = self.teachers_of.get(id(pupil), [])
        if teachers and self.rng.random() < 0.5:
            # The tutor or class teacher, whom the SENCO allows to write passports.
            teacher = teachers[-1]
            self.passport_teachers.add(teacher.pk)
            return teacher
        return self.senco

    def _passports(self, register: list, out_of_date: set[int]) -> list[PassportVersion]:
        rng = self.rng
        cutoff = SUMMER_2026[0]
        rows = []
        for p in register:
            since = max(p.on_register_since or HISTORY_START, HISTORY_START)
            old = id(p) in out_of_date
            hi = min(self.today - datetime.timedelta(days=1), cutoff - datetime.timedelta(days=3))
            last = _day(rng, max(since, cutoff), self.today - datetime.timedelta(days=1))
            if old:
                last = _day(rng, since, hi)
            count = rng.choices([1, 2, 3], [55, 30, 15])[0]
            dates = sorted(
                _day(rng, since, last - datetime.timedelta(days=7)) for _ in range(count - 1)
            )
            dates = [d for d in dates if d < last] + [last]
            texts = self._passport_texts(p)
            wrote = sorted(
                rng.sample(
                    ["i_enjoy", "like_you_to_know", "important_to_me", "recent_achievements"],
                    rng.randint(0, 2),
                )
            )
            for number, day in enumerate(dates, 1):
                final = number == len(dates)
                if number > 1:
                    texts = dict(texts)
                    texts["recent_achievements"] = rng.choice(ACHIEVEMENTS[self.phase])
                    texts["my_targets"] = " ".join(_some(rng, TARGETS, 1, 2))
                    if rng.random() < 0.5:
                        extra = rng.choice(NEED_TEXT[p.primary_need]["helps"])
                        if extra not in texts["what_helps_me"]:
                            texts["what_helps_me"] += " " + extra
                reviewed = number == 1 or (final and (not old or rng.random() < 0.5))
                reviewed = reviewed or rng.random() < 0.3
                rows.append(
                    PassportVersion(
                        pupil=p,
                        number=number,
                        pupil_wrote=wrote,
                        saved_by=self.senco if number == 1 else self._passport_author(p),
                        saved_at=_at(rng, day),
                        reviewed=reviewed,
                        **texts,
                    )
                )
        return rows

    # -- cycles --

    def _review_kind(self) -> str:
        """ "overdue", "soon" or "" for the review date of an open cycle."""
        roll = self.rng.random()
        if roll < OVERDUE_SHARE:
            return "overdue"
        if roll < OVERDUE_SHARE + DUE_SOON_SHARE:
            return "soon"
        return ""

    def _review_date(self, kind: str, started: datetime.date) -> datetime.date:
        rng, today = self.rng, self.today
        if kind == "overdue":
            return _day(
                rng, today - datetime.timedelta(days=20), today - datetime.timedelta(days=1)
            )
        if kind == "soon":
            return _day(rng, today, today + datetime.timedelta(days=13))
        if started > AUTUMN_2026[1] - datetime.timedelta(days=14) or rng.random() < 0.08:
            return SPRING_2027_END
        return AUTUMN_2026[1]

    def _who_does_what(self, pupil) -> str:
        rng = self.rng
        ta = self.ta_of.get(id(pupil))
        teachers = self.teachers_of.get(id(pupil), [])
        parts = []
        if ta is not None:
            parts.append(f"{_name(ta)} (TA) runs the sessions and keeps the log.")
        if teachers:
            teacher = rng.choice(teachers)
            parts.append(f"{_name(teacher)} uses the strategies in lessons and gives feedback.")
        parts.append(
            f"{_name(self.senco)} (SENCO) checks progress half-termly and updates parents."
        )
        if rng.random() < 0.5:
            parts.append("Parents practise the targets at home and use the home-school book.")
        return " ".join(parts)

    def _evidence(self, cycle, pupil, started: datetime.date) -> list[Evidence]:
        rng, phase = self.rng, self.phase
        t = NEED_TEXT[pupil.primary_need]
        subject = rng.choice(SUBJECTS[phase])
        before = started - datetime.timedelta(days=21)
        rows = []
        tests = t.get("primary_tests", t["tests"]) if phase == School.PRIMARY else t["tests"]
        name, low, high = rng.choice(tests)
        if name.startswith("SDQ"):
            score = f"total difficulties {rng.randint(low, high)}"
            summary = f"{name}: in the 'high' or 'very high' band; parents' version agrees."
            kinds = [(Evidence.Kind.SCREENER, summary, "Class teacher and parents", score)]
        elif high:
            score = f"standard score {rng.randint(low, high)}"
            summary = f"{name}: {rng.choice(BELOW)}"
            kinds = [(Evidence.Kind.STANDARDISED, summary, "Learning support department", score)]
        else:
            summary = f"{name}: {SCREENER_FINDINGS[name]}"
            kinds = [(Evidence.Kind.SCREENER, summary, "Learning support department", "")]
        kinds.append(
            (
                Evidence.Kind.OBSERVATION,
                rng.choice(OBSERVATIONS).format(subject=subject),
                f"{_name(self.senco)}, SENCO",
                "",
            )
        )
        if rng.random() < 0.8:
            kinds.append(
                (
                    Evidence.Kind.PUPIL_VIEWS,
                    rng.choice(PUPIL_VIEWS).format(subject=subject),
                    "The pupil, with the SENCO",
                    "",
                )
            )
        if rng.random() < 0.7:
            kinds.append((Evidence.Kind.PARENT_VIEWS, rng.choice(PARENT_VIEWS), "Parents", ""))
        for kind, text, by, score in kinds:
            rows.append(
                Evidence(
                    cycle=cycle,
                    kind=kind,
                    date=_day(rng, before, started),
                    given_by=by,
                    summary=text,
                    score=score,
                    recorded_by=self.senco,
                )
            )
        return rows

    def _outcomes(self, cycle, pupil, count: int) -> list[Outcome]:
        t = NEED_TEXT[pupil.primary_need]
        chosen = self.rng.sample(t["outcomes"], min(count, len(t["outcomes"])))
        if len(chosen) < count:
            extra = [o for o in NEED_TEXT["SOCIAL"]["outcomes"] if o not in chosen]
            chosen += self.rng.sample(extra, min(len(extra), count - len(chosen)))
        return [
            Outcome(cycle=cycle, position=i, text=text, success_criteria=criteria)
            for i, (text, criteria) in enumerate(chosen, 1)
        ]

    def _plan(self, cycle, pupil) -> None:
        provision = _some(self.rng, NEED_TEXT[pupil.primary_need]["provision"], 1, 3)
        cycle.provision = "\n".join(provision)
        cycle.who_does_what = self._who_does_what(pupil)

    def _notes(self, cycle, pupil, lo: datetime.date, hi: datetime.date, n: int) -> list[Note]:
        rng = self.rng
        authors = [self.ta_of.get(id(pupil)) or self.senco] + self.teachers_of.get(id(pupil), [])[
            :2
        ]
        return [
            Note(
                cycle=cycle,
                date=_day(rng, lo, hi),
                text=rng.choice(NOTES),
                author=rng.choice(authors),
            )
            for _ in range(n)
        ]

    def _cycles(self, pupils: list) -> None:
        rng, today = self.rng, self.today
        cycles, children, closed = [], [], []
        for p in pupils:
            since = p.on_register_since or HISTORY_START
            with_closed = since < datetime.date(2026, 4, 20) and rng.random() < CLOSED_SHARE
            number = 1
            if with_closed:
                start = _day(rng, max(since, SUMMER_2026[0]), datetime.date(2026, 5, 22))
                held = _day(rng, datetime.date(2026, 7, 6), datetime.date(2026, 7, 21))
                if rng.random() < 0.4:
                    held = _day(rng, datetime.date(2026, 9, 7), datetime.date(2026, 9, 25))
                old = Cycle(
                    pupil=p,
                    number=1,
                    started_on=start,
                    review_date=SUMMER_2026[1],
                    planned_at=_at(rng, start + datetime.timedelta(days=rng.randint(3, 12))),
                    status=Cycle.REVIEWED,
                    created_by=self.senco,
                )
                self._plan(old, p)
                cycles.append(old)
                closed.append((old, p, held))
                number = 2
                started = held
                kind = self._review_kind()
            else:
                kind = self._review_kind()
                latest = today - datetime.timedelta(days=40 if kind else 3)
                lo = min(max(since + datetime.timedelta(days=2), SUMMER_2026[0]), today)
                started = _day(rng, lo, latest)
                if started > latest:  # on the register too recently for an early review
                    kind = ""
            planned = with_closed or rng.random() > UNPLANNED_SHARE
            if not planned:
                started = _day(
                    rng,
                    max(since, today - datetime.timedelta(days=25)),
                    today - datetime.timedelta(days=1),
                )
                kind = ""
            cycle = Cycle(
                pupil=p,
                number=number,
                started_on=started,
                review_date=self._review_date(kind, started),
                created_by=self.senco,
            )
            if planned:
                cycle.planned_at = _at(
                    rng,
                    min(
                        today - datetime.timedelta(days=1),
                        started + datetime.timedelta(days=rng.randint(2, 10)),
                    ),
                )
                self._plan(cycle, p)
            cycles.append(cycle)
            children.append((cycle, p, planned, kind))
        Cycle.objects.bulk_create(cycles, batch_size=BATCH)

        evidence, outcomes, notes = [], [], []
        reviews, progress_rows, carried = [], [], []
        old_outcomes = {}
        for old, p, held in closed:
            outs = self._outcomes(old, p, rng.randint(2, 4))
            old_outcomes[id(old)] = outs
            outcomes += outs
            evidence += self._evidence(old, p, old.started_on)
            notes += self._notes(old, p, old.started_on, held, rng.randint(1, 3))
            kind = rng.choices(
                [Review.STANDARD, Review.PERSON_CENTRED, Review.STRUCTURED], [70, 20, 10]
            )[0]
            review = Review(
                cycle=old,
                held_on=held,
                kind=kind,
                pupil_view=rng.choice(REVIEW_VIEWS["pupil"]),
                parent_view=rng.choice(REVIEW_VIEWS["parent"]),
                teacher_view=rng.choice(REVIEW_VIEWS["teacher"]),
                next_steps=rng.choice(NEXT_STEPS),
                completed_by=self.senco,
            )
            if kind == Review.PERSON_CENTRED:
                review.pcr_appreciation = rng.choice(LIKED)
                review.pcr_important_now = rng.choice(IMPORTANT)
                review.pcr_working = "Working: the small-group sessions. Not working: homework."
                review.pcr_actions = (
                    "Continue the plan; SENCO to share the passport with new teachers."
                )
            elif kind == Review.STRUCTURED:
                review.sc_explore = rng.choice(PARENT_VIEWS)
                review.sc_focus = "Reading at home and settling in the mornings."
                review.sc_plan = "School: daily check-in. Parents: ten minutes' reading each night."
                review.sc_review = "Meet again at the end of the autumn term."
            reviews.append(review)
        Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
        Review.objects.bulk_create(reviews, batch_size=BATCH)
        _set_times(Review, "completed_at", reviews, [_at(rng, r.held_on) for r in reviews])
        ratings = [
            OutcomeProgress.NOT_YET,
            OutcomeProgress.SOME,
            OutcomeProgress.GOOD,
            OutcomeProgress.ACHIEVED,
        ]
        next_of = {id(cycle): None for cycle, *_ in children}
        by_pupil = {id(p): cycle for cycle, p, *_ in children}
        for (old, p, _), review in zip(closed, reviews, strict=True):
            position = 0
            for o in old_outcomes[id(old)]:
                rating = rng.choices(ratings, [10, 35, 30, 25])[0]
                progress_rows.append(
                    OutcomeProgress(
                        review=review, outcome=o, rating=rating, evidence=rng.choice(TEACHER_VIEWS)
                    )
                )
                if rating != OutcomeProgress.ACHIEVED:
                    position += 1
                    carried.append(
                        Outcome(
                            cycle=by_pupil[id(p)],
                            position=position,
                            text=o.text,
                            success_criteria=o.success_criteria,
                            carried_from=o,
                        )
                    )
            next_of[id(by_pupil[id(p)])] = position
        OutcomeProgress.objects.bulk_create(progress_rows, batch_size=BATCH)

        outcomes, requests = list(carried), []
        for cycle, p, planned, kind in children:
            evidence += self._evidence(cycle, p, cycle.started_on)[
                : 4 if planned else rng.randint(0, 2)
            ]
            if not planned:
                continue
            have = next_of[id(cycle)] or 0
            want = max(2, min(4, have + rng.randint(0, 2)))
            if want > have:
                existing = {o.text for o in carried if o.cycle is cycle}
                new = [o for o in self._outcomes(cycle, p, 4) if o.text not in existing]
                for k, o in enumerate(new[: want - have], have + 1):
                    o.position = k
                    outcomes.append(o)
            notes += self._notes(
                cycle, p, cycle.started_on, today - datetime.timedelta(days=1), rng.randint(0, 3)
            )
            if kind:
                answered_share = 0.6 if kind == "overdue" else 0.35
                seen = set()
                for teacher in self.teachers_of.get(id(p), []):
                    if teacher.pk in seen:
                        continue
                    seen.add(teacher.pk)
                    request = ViewRequest(cycle=cycle, teacher=teacher)
                    if rng.random() < answered_share:
                        request.view = rng.choice(TEACHER_VIEWS)
                        request.answered_at = _at(
                            rng,
                            _day(
                                rng,
                                today - datetime.timedelta(days=6),
                                today - datetime.timedelta(days=1),
                            ),
                        )
                    requests.append(request)
        Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        Note.objects.bulk_create(notes, batch_size=BATCH)
        ViewRequest.objects.bulk_create(requests, batch_size=BATCH)
        # Asked by the daily job a week ago, before any answer.
        asked = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(6, 0))
        )
        ViewRequest.objects.filter(pk__in=[r.pk for r in requests]).update(requested_at=asked)

    # -- all of it --

    def build(self, pupils: list) -> None:
        rng = self.rng
        build_terms(self.school)
        register = [p for p in pupils if p.sen_provision != Provision.NONE]
        with_passport = [p for p in register if rng.random() < PASSPORT_SHARE]
        long_ago = [
            p
            for p in with_passport
            if p.on_register_since and p.on_register_since < datetime.date(2026, 3, 1)
        ]
        n_old = min(len(long_ago), round(OUT_OF_DATE_SHARE * len(with_passport)))
        out_of_date = {id(p) for p in rng.sample(long_ago, n_old)}
        PassportVersion.objects.bulk_create(
            self._passports(with_passport, out_of_date), batch_size=BATCH
        )
        if self.passport_teachers:
            Membership.objects.filter(
                school=self.school, role=Role.TEACHER, user_id__in=self.passport_teachers
            ).update(can_edit_passports=True)
        with_cycle = [p for p in register if rng.random() < CYCLE_SHARE[p.sen_provision]]
        self._cycles(with_cycle)
