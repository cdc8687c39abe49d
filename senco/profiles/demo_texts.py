"""Text for the demo's pupil passports and one-page profiles (senco/profiles/demo.py).

Pure data. By need: first-person lines of what helps, what is hard, how to communicate,
how the pupil learns best and how others support them; then the lines any pupil might
write. MSI shares HI's lines, PMLD SLD's, and OTH and NSA the general "SOCIAL" lines.
"""

from senco.schools.models import School

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
    },
}
NEED_TEXT["MSI"] = NEED_TEXT["HI"]
NEED_TEXT["PMLD"] = NEED_TEXT["SLD"]
NEED_TEXT["OTH"] = NEED_TEXT["SOCIAL"]
NEED_TEXT["NSA"] = NEED_TEXT["SOCIAL"]

ENJOY = {
    School.Phase.PRIMARY: [
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
    School.Phase.SECONDARY: [
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
ACHIEVEMENTS = {
    School.Phase.PRIMARY: [
        "I got a certificate in assembly for trying hard.",
        "I can read a whole book on my own now.",
        "I learnt my 5 times table.",
        "I was star of the week.",
        "I swam 25 metres.",
        "I read in front of the class at harvest festival.",
    ],
    School.Phase.SECONDARY: [
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
