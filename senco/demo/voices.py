"""What pupils say about themselves, in their own words: shared by every builder that
writes a pupil's voice (the passport's "what people like about me", a person-centred
review's appreciations). Pure data; builders read it as `demo.voices` (context.py)."""

LIKED_AND_ADMIRED = [
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
IMPORTANT_TO_ME = [
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
