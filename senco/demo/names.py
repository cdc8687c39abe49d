"""Names for the demo trust: its schools, and the families on their rolls.

Pure data, read by senco/demo/people.py. Each heritage gives a weight (its share of
pupils), boys' names, girls' names, surnames, and the chance that a pupil with these names
has English as an additional language.
"""

# Schools of the trust, in turn by phase: Brookfield Primary and Hillside Academy first.
PRIMARY_NAMES = [
    "Brookfield Primary",
    "Willow Tree Primary",
    "St Mary's Catholic Primary",
    "Greenacres Primary",
    "Orchard Primary",
    "Millbrook Primary",
    "Ashgrove Primary",
    "Holy Trinity CofE Primary",
    "Larkrise Primary",
    "Fairfield Primary",
]
SECONDARY_NAMES = [
    "Hillside Academy",
    "Castle View Academy",
    "Kingsmead School",
    "St Aidan's CofE Academy",
    "Meadowbank Academy",
    "Northgate School",
    "Westfield Academy",
    "Beacon Hill Academy",
    "Oakfield School",
    "Thornbury Academy",
]

HERITAGES = {
    "british": (
        56,
        "Oliver George Harry Noah Jack Charlie Leo Jacob Freddie Alfie Oscar Thomas William "
        "Archie James Henry Joshua Alexander Max Ethan Isaac Lucas Samuel Daniel Tyler Riley "
        "Logan Harrison Dylan Mason Theo Arthur Finley Reuben Toby Rhys Owen Callum Lewis Kian",
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Florence Evie "
        "Poppy Ella Emily Charlotte Sophie Chloë Zoë Jessica Ruby Millie Daisy Phoebe Lucy "
        "Holly Megan Erin Eleanor Harriet Imogen Maisie Siân Bethan Renée Esmé",
        "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
        "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson "
        "Wood Turner Martin Cooper Hill Ward Morris Moore Clark King Baker Harrison Morgan "
        "Allen Scott Phillips Watson Parker Price Bennett Young Griffiths Mitchell Cook Carter "
        "Richardson Bailey Collins Bell Shaw Miller Cox Marshall Simpson Ellis Adams Fletcher "
        "Hunt Chapman Pearson Holmes Lloyd Pritchard Ashworth Hargreaves Whitehead Featherstone",
        0.01,
    ),
    "irish": (
        4,
        "Seán Conor Cian Oisín Liam Patrick Niall Darragh Ronan Eoin Cillian",
        "Aoife Niamh Siobhán Róisín Ciara Saoirse Orla Caoimhe Méabh Clodagh",
        "O'Connor O'Brien Murphy Kelly O'Sullivan Byrne Ryan O'Neill McCarthy Doyle Gallagher "
        "Fitzgerald McLaughlin Kavanagh O'Donnell",
        0.0,
    ),
    "pakistani": (
        5,
        "Muhammad Ibrahim Ayaan Hamza Zayn Yusuf Bilal Usman Ali Haris Rayyan Zakariya",
        "Aisha Maryam Zara Hafsa Khadija Fatima Inaya Eesha Amna Noor Mehak",
        "Khan Hussain Ahmed Ali Iqbal Shah Malik Butt Akhtar Mahmood Raza Rehman",
        0.5,
    ),
    "indian": (
        4,
        "Arjun Aarav Rohan Vihaan Krish Dev Arun Jai Harjot Manveer Jaskaran",
        "Priya Ananya Diya Anika Simran Navneet Kiran Isha Saanvi Jasleen",
        "Patel Sharma Singh Gill Sandhu Mistry Chauhan Gupta Parmar Joshi Bains Dhillon",
        0.45,
    ),
    "bangladeshi": (
        4,
        "Abdul Rahim Tahmid Ishfaq Sami Rafi Nabil Mahir",
        "Tasnim Sumaiya Nusrat Raisa Afia Sadia Jannat Tahmina",
        "Miah Uddin Rahman Islam Hoque Chowdhury Ahmed Hossain Ali",
        0.55,
    ),
    "polish": (
        4,
        "Łukasz Jakub Kacper Szymon Filip Mikołaj Wojciech Antoni Jan Igor Oskar",
        "Zuzanna Julia Maja Zofia Hanna Natalia Wiktoria Katarzyna Agnieszka Małgorzata",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Mazur Krawczyk Grabowski Pawłowski Michalski Król",
        0.85,
    ),
    "romanian": (
        3,
        "Andrei Ștefan Mihai Alexandru Ionuț Gabriel Bogdan Cristian Darius Luca Rareș",
        "Andreea Ioana Maria Elena Bianca Alexandra Daria Ana-Maria Ilinca Cătălina",
        "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Rusu Munteanu Constantin Stănescu "
        "Matei Ciobanu Lungu",
        0.85,
    ),
    "nigerian": (
        3.5,
        "Chinedu Oluwaseun Tobi Emeka Ayomide Chukwuemeka Tunde David Daniel Samuel Femi "
        "Kayode Ikechukwu Obinna",
        "Chioma Adaeze Folake Temitope Blessing Precious Ngozi Oluwatoyin Ifeoma Amara Damilola",
        "Okafor Adeyemi Okonkwo Oyelaran Balogun Nwosu Eze Adebayo Okoro Ogunleye Olawale "
        "Adewale Nwachukwu Obi",
        0.35,
    ),
    "ghanaian": (
        1.5,
        "Kwame Kofi Kwabena Yaw Nana Kojo",
        "Ama Akosua Abena Efua Adwoa",
        "Mensah Asante Owusu Boateng Appiah Osei Agyeman Ofori",
        0.35,
    ),
    "somali": (
        2,
        "Abdirahman Mohamed Abdullahi Hassan Yusuf Abdi Mahad Liban Guled",
        "Hodan Ayaan Sagal Hibo Amran Fadumo Ikran Nimco Ubah",
        "Mohamed Ali Hassan Abdi Omar Warsame Farah Jama Osman Hersi Aden Ahmed Ibrahim",
        0.85,
    ),
    "caribbean": (
        3,
        "Jermaine Tyrese Kai Marcus Devon Nathaniel Isaiah Malachi Jaden Reggie Kyle",
        "Tia Shanice Jade Aaliyah Nia Kayla Imani Chantelle Keisha Naomi",
        "Campbell Brown Williams Francis Gordon Grant Clarke Henry Thomas Bailey Reid Stewart "
        "Samuels McKenzie Gayle Forbes",
        0.03,
    ),
    "chinese": (
        1.5,
        "Wei Jun Hao Ryan Kai Jason Ming Tian Yiming",
        "Mei Xin Lily Grace Yan Jia Ying Wen Hui",
        "Wang Li Zhang Chen Liu Yang Huang Wong Chan Lam Cheung Ng Lau Ho",
        0.7,
    ),
    "turkish": (
        2,
        "Emre Mehmet Yusuf Ömer Mustafa Kerem Burak Eren Arda Çağan Efe Deniz",
        "Gülsüm Elif Zeynep Ayşe Defne Ecem Selin Büşra Nisa Ebru Sevgi",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan",
        0.75,
    ),
    "iberian": (
        1.5,
        "José João Tomás Rodrigo Diogo Martín Hugo Mateo Gonçalo Álvaro",
        "Inês Beatriz Mariana Lucía Sofía Leonor Matilde Carolina Raquel",
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins García Fernández "
        "López Gonçalves Sánchez",
        0.75,
    ),
    "arab": (
        1.5,
        "Omar Khalid Yousef Karim Tariq Adam Ahmad Samir",
        "Layla Noor Mariam Salma Hana Lina Rania Yasmin",
        "Al-Hassan Haddad Nasser Saleh Al-Khatib Mansour Aziz Hamdan Al-Sayed Khalil",
        0.75,
    ),
}
# A woman's form of a family surname (Polish -ski/-cki are handled in people.py).
FEMALE_SURNAME = {"Singh": "Kaur", "Miah": "Begum"}
# The name a pupil goes by, for some forenames.
PREFERRED = {
    "Alexander": "Alex",
    "Thomas": "Tom",
    "William": "Will",
    "Joshua": "Josh",
    "Samuel": "Sam",
    "Jessica": "Jess",
    "Isabella": "Bella",
    "Eleanor": "Ellie",
    "Florence": "Flo",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Wojciech": "Wojtek",
    "Oluwaseun": "Seun",
    "Ayomide": "Ayo",
    "Chukwuemeka": "Emeka",
    "Oluwatoyin": "Toyin",
    "Temitope": "Tope",
    "Damilola": "Dami",
    "Ikechukwu": "Ike",
    "Abdirahman": "Abdi",
    "Abdullahi": "Abdi",
    "Muhammad": "Mo",
    "Alexandra": "Sasha",
}
