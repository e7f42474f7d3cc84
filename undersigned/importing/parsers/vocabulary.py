"""Words that tell what a line of a list is: an organization's (its kind or legal form), a
person's title, the heading or closing that introduces a list of signatories, the heading
of a group inside one. In the languages coalitions write in; every entry is a casefolded
word or phrase, matched as whole words."""

import re
from functools import cache, lru_cache

# Words that make a name an organization's: its kind, or its legal form.
ORGANIZATION_WORDS = frozenset(
    [
        "party",
        "parties",
        "partei",
        "parteien",
        "parti",
        "partis",
        "partido",
        "partidos",
        "partito",
        "partij",
        "parte",
        "partidul",
        "union",
        "unions",
        "unión",
        "unione",
        "unie",
        "gewerkschaft",
        "gewerkschaften",
        "syndicat",
        "syndicats",
        "sindicato",
        "sindicatos",
        "sindacato",
        "sindikat",
        "sendika",
        "sendikası",
        "vakfı",
        "derneği",
        "derneği",
        "dernek",
        "platformu",
        # Turkish names end in the word with its possessive: 'Medya İzleme Grubu'
        "grubu",
        "kooperatifi",
        "girişimi",
        "inisiyatifi",
        "kolektifi",
        "birliği",
        "federasyonu",
        "konfederasyonu",
        "odası",
        "association",
        "associations",
        "associação",
        "asociación",
        "asociacion",
        "associazione",
        "associatie",
        "assoc",
        "verein",
        "vereinigung",
        "verband",
        "verbände",
        "bund",
        "bündnis",
        "federation",
        "fédération",
        "federación",
        "federacion",
        "federação",
        "federazione",
        "föderation",
        "federatie",
        "confederation",
        "confédération",
        "confederación",
        "confederação",
        "confederazione",
        "konföderation",
        "council",
        "councils",
        "conseil",
        "consejo",
        "conselho",
        "consiglio",
        "rat",
        "raad",
        "committee",
        "committees",
        "comité",
        "comite",
        "comitato",
        "komitee",
        "coalition",
        "coalición",
        "coalizão",
        "coalizione",
        "koalition",
        "alliance",
        "alianza",
        "aliança",
        "allianz",
        "alleanza",
        "network",
        "networks",
        "réseau",
        "reseau",
        "red",
        "rede",
        "rete",
        "netzwerk",
        "netz",
        "netwerk",
        "foundation",
        "fondation",
        "fundación",
        "fundacion",
        "fundação",
        "fondazione",
        "stiftung",
        "stichting",
        "institute",
        "institut",
        "instituto",
        "istituto",
        "center",
        "centre",
        "centro",
        "zentrum",
        "centrum",
        "society",
        "société",
        "sociedad",
        "sociedade",
        "società",
        "gesellschaft",
        "genootschap",
        "league",
        "ligue",
        "liga",
        "lega",
        "movement",
        "mouvement",
        "movimiento",
        "movimento",
        "bewegung",
        "beweging",
        "front",
        "frente",
        "fronte",
        "group",
        "groups",
        "groupe",
        "grupo",
        "grupos",
        "gruppe",
        "gruppo",
        "groep",
        "forum",
        "foro",
        "trust",
        "collective",
        "collectif",
        "colectivo",
        "coletivo",
        "collettivo",
        "kollektiv",
        "campaign",
        "campagne",
        "campaña",
        "campanha",
        "kampagne",
        "project",
        "projet",
        "proyecto",
        "projeto",
        "progetto",
        "projekt",
        "initiative",
        "iniciativa",
        "iniziativa",
        "initiatief",
        "organisation",
        "organisations",
        "organization",
        "organizations",
        "organización",
        "organizacion",
        "organizações",
        "organização",
        "organizzazione",
        "organisatie",
        "international",
        "internacional",
        "internationale",
        "internazionale",
        "watch",
        "action",
        "aktion",
        "acción",
        "accion",
        "ação",
        "azione",
        "solidarity",
        "solidarité",
        "solidaridad",
        "solidariedade",
        "solidarietà",
        "solidarität",
        "friends",
        "amis",
        "amigos",
        "freunde",
        "amici",
        "club",
        "office",
        "bureau",
        "agency",
        "services",
        "church",
        "église",
        "iglesia",
        "igreja",
        "kirche",
        "chiesa",
        "kerk",
        "university",
        "université",
        "universidad",
        "universidade",
        "universität",
        "università",
        "universiteit",
        "college",
        "school",
        "école",
        "escuela",
        "escola",
        "schule",
        "scuola",
        "academy",
        "académie",
        "academia",
        "akademie",
        "accademia",
        "hospital",
        "clinic",
        "cooperative",
        "coopérative",
        "cooperativa",
        "genossenschaft",
        "coöperatie",
        "ngo",
        "ngos",
        "ong",
        "nro",
        "assembly",
        "assemblée",
        "asamblea",
        "assembleia",
        "versammlung",
        "congress",
        "congrès",
        "congreso",
        "congresso",
        "kongress",
        "labour",
        "labor",
        "workers",
        "travailleurs",
        "trabajadores",
        "trabalhadores",
        "lavoratori",
        "arbeiter",
        "press",
        "media",
        "news",
        "magazine",
        "journal",
        "radio",
        "collective",
        "commission",
        "comisión",
        "comissão",
        "commissione",
        "kommission",
        "observatory",
        "observatoire",
        "observatorio",
        "osservatorio",
        "secretariat",
        "secrétariat",
        "secretaría",
        "rights",
        "droits",
        "derechos",
        "direitos",
        "diritti",
        "rechte",
        "peace",
        "paix",
        "paz",
        "frieden",
        "pace",
        "women",
        "femmes",
        "mujeres",
        "mulheres",
        "frauen",
        "donne",
        "youth",
        "jeunesse",
        "juventud",
        "juventude",
        "jugend",
        "gioventù",
        "students",
        "étudiants",
        "estudiantes",
        "estudantes",
        "studierende",
        "studenti",
        "fund",
        "fonds",
        "fondo",
        "coordination",
        "coordinadora",
        "coordenação",
        "coordinamento",
        "koordination",
        "platform",
        "plataforma",
        "platforma",
        "plateforme",
        "plattform",
        "piattaforma",
        "arbeitskreis",
        "kreis",
        "initiativkreis",
        "redaktion",
        "editorial",
        "editions",
        "éditions",
        "ediciones",
        "verlag",
        "records",
        "studio",
        "cabinet",
        "company",
        "corporation",
        "corp",
        "compagnie",
        "compañía",
        "firma",
        "ministry",
        "ministère",
        "ministerio",
        "ministerium",
        "department",
        "département",
        "departamento",
        "abteilung",
        "program",
        "programme",
        "programa",
        "programm",
        "alliance",
        "sisters",
        "brothers",
        "federación",
        "unidos",
        "united",
        "inc",
        "inc.",
        "ltd",
        "ltd.",
        "llc",
        "gmbh",
        "ggmbh",
        "ag",
        "sa",
        "s.a.",
        "sarl",
        "srl",
        "s.r.l.",
        "e.v.",
        "ev",
        "e.v",
        "z.s.",
        "o.p.s.",
        "asbl",
        "vzw",
        "cic",
        "ltda",
        "a.c.",
        "a.s.",
        "ong.",
        "oü",
        "kft",
        "bv",
        "b.v.",
        "nv",
        "n.v.",
        "plc",
        "ry",
        "r.y.",
        "o.s.",
        "z.ú.",
        "партия",
        "союз",
        "профсоюз",
        "ассоциация",
        "фонд",
        "центр",
        "комитет",
        "движение",
        "организация",
        "общество",
        "институт",
        "университет",
        "сеть",
        "объединение",
        "федерация",
        "лига",
        "клуб",
        "группа",
        "совет",
        "редакция",
        "журнал",
        "газета",
        "ооо",
        "ао",
        "нко",
        "ано",
        "партія",
        "спілка",
        "профспілка",
        "асоціація",
        "рух",
        "організація",
        "товариство",
        "мережа",
        # Polish, and the genitive a function names its institution in ('prezeska Fundacji X')
        "fundacja",
        "fundacji",
        "stowarzyszenie",
        "stowarzyszenia",
        "towarzystwo",
        "towarzystwa",
        "związek",
        "związku",
        "partia",
        "partii",
        "koalicja",
        "koalicji",
        "federacja",
        "federacji",
        "instytut",
        "instytutu",
        "uniwersytet",
        "uniwersytetu",
        "porozumienie",
        "porozumienia",
        "inicjatywa",
        "inicjatywy",
        "kolektyw",
        "kolektywu",
        "komitet",
        "komitetu",
        "spółdzielnia",
        "organizacja",
        "organizacji",
        "koło",
        # the genitive in Ukrainian and Russian ('Голова Союзу …', 'председатель Общества …')
        "союзу",
        "спілки",
        "громада",
        "громади",
        "асоціації",
        "організації",
        "товариства",
        "фонду",
        "центру",
        "університету",
        "інституту",
        "партії",
        "комітету",
        "федерації",
        "союза",
        "общества",
        "фонда",
        "центра",
        "университета",
        "института",
        "партии",
        "комитета",
        "ассоциации",
        "организации",
        "федерации",
        "объединения",
        # Arabic (bare and with its article), Hebrew
        "جمعية",
        "منظمة",
        "اتحاد",
        "نقابة",
        "حزب",
        "مركز",
        "شبكة",
        "مؤسسة",
        "رابطة",
        "حركة",
        "لجنة",
        "هيئة",
        "مجلس",
        "جامعة",
        "الجمعية",
        "المنظمة",
        "الاتحاد",
        "النقابة",
        "الحزب",
        "المركز",
        "الشبكة",
        "المؤسسة",
        "الرابطة",
        "الحركة",
        "اللجنة",
        "الهيئة",
        "المجلس",
        "الجامعة",
        "ארגון",
        "עמותה",
        "עמותת",
        "איגוד",
        "מפלגה",
        "מפלגת",
        "מרכז",
        "רשת",
        "תנועה",
        "תנועת",
    ]
)

# Titles written before a person's name (or after it, as "MEP", "PhD").
TITLES = (
    # the academic degrees Czech and Slovak (and Austrian) print before a name; first, so
    # that 'Mgr. art.' is one title, not 'Mgr.' (Monsignor) and a name starting 'art.'
    r"mga\.|mgr\.\s+art\.|phdr\.|judr\.|mudr\.|mvdr\.|rndr\.|paeddr\.|phmr\.|thdr\.|"
    r"thlic\.|doc\.|bc\.|bca\.|ing\.\s+arch\.|akad\.\s+mal\.|univ\.-prof\.|"
    # the Polish degrees, in lower case: 'dr n. med.' (doctor of medical sciences), 'dr hab.',
    # 'lek.' (physician), and a university's professor by its initials ('prof. UAM', lower
    # case: 'Prof. AB Smith' has initials)
    r"dr\s+n\.\s?(?:o\s+)?[^\W\d_]+\.|dr\s+hab\.|lek\.(?:\s+(?:dent|wet|med)\.)?|"
    r"(?-i:prof\.\s+[A-ZĄĆĘŁŃÓŚŹŻ]{2,5})(?=\s+(?-i:[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]))|"
    # the German engineer's degrees: 'Dr.-Ing.', 'Dipl.Ing.', an honorary one 'E. h.', 'mult.'
    r"dr\.?-ing\.?|dipl\.\s?ing\.?|e\.\s?h\.|mult\.|"
    r"prof\.?\s+dr\.?(?:\s+h\.\s?c\.)?|prof\.?|professor|professora|professeure?|profesora?|"
    r"dr\.?(?:\s+(?:h\.\s?c\.|med\.?|rer\.\s?nat\.|phil\.|jur\.|med,))?|dipl\.-\w+\.?|dra\.?|drs\.?|mr\.?|mrs\.?|ms\.?|mx\.?|miss|mme\.?|mlle\.?|m\.|"
    # the Dutch engineer's degree, always with its full stop ('Prof. dr. ir. Anna de Vries')
    r"ir\.|"
    r"sr\.?|sra\.?|srta\.?|lic\.?|licda?\.?|ing\.?|dipl\.-ing\.?|mag\.?|hon\.?|rev\.?|"
    r"revd\.?|fr\.|sen\.?|senator|rep\.?|cllr\.?|mep|mp|mdb|mdep|mdl|dott\.?|dott\.ssa|"
    r"avv\.?|abg\.?|pr\.|pfr\.?|pastor|rabbi|imam|bishop|sir|dame|lord|baroness|sœur|"
    r"soeur|sister|father|padre|hna\.?|hno\.?|msgr\.?|mgr\.?|frau|herr|д-р|проф\.?|"
    r"colonel|col\.|general|gen\.|reverend|captain|capt\.|lieutenant|lt\.|judge|justice|"
    r"ambassador|amb\.|governor|gov\.|councillor|councilor|alderman|mayor|"
    r"the\s+rt\.?\s+hon\.?|rt\.?\s+hon\.?|right\s+honourable|honourable|honorable"
)
# titles one after another, also parted by commas ('Prof. Dr. Ing., Dr. h.c., Dr. ing. E. h.
# mult. Werner Wiesbeck')
TITLE_PREFIX = re.compile(rf"^(?:(?:{TITLES})(?:\s+|,\s+(?=(?:{TITLES})\s)))+", re.IGNORECASE)
TITLE_SUFFIX = re.compile(
    r",?\s+(?:phd|ph\.d\.|md|m\.d\.|mep|mp|jd|mba|msc|dphil|obe|cbe)\.?$", re.I
)
# Post-nominal honours and fellowships written in capitals after a name ('Jane Doe AC FAA',
# 'John Roe, AO, …'): a person's titles, never a part of the name nor an entry of their own.
# Only as printed (case-sensitive): 'am', 'ac' are words of other languages.
HONOURS = (
    r"AC|AO|AM|OAM|AK|GBE|KBE|DBE|CBE|OBE|MBE|KC|QC|FRS|FRSE|FRSC|FRSA|FRSN|FRSNZ|FBA|FAA|"
    r"FTSE|FAHA|FASSA|FAHMS|FREng|FMedSci|FRCP|FRACP|FRACS|FRAS|FAIP|FAAS|FNAS|FACS|FRCS|"
    r"PhD|Ph\.D\.|DPhil|DSc|LLD|MD|"
    # and the ones they print after it
    r"PhD\.|CSc\.?|DrSc\.?|ArtD\.?|DiS\.?|MBA|LL\.M\.?"
)
HONOURS_AFTER = re.compile(rf",?\s+(?:{HONOURS})$")
HONOURS_ONLY = re.compile(rf"(?:{HONOURS})(?:\s+(?:{HONOURS}))*")

# The heading or closing that introduces a list of signatories.
SIGNATORY_WORDS = (
    r"(?:co-?)?signator(?:y|ies)|signataires?|firmantes|firmatari[oe]?|unterzeichn\w*|"
    r"erstunterzeichn\w*|mitunterzeichn\w*|unterstützer\w*|imzacılar|imzacilar|"
    r"подписавш\w*|подписали|підписали|підписанти|ondertekenaars|signatários|assinantes|"
    r"assinaturas|sygnatariusze|signed\s+by|co-?signed\s+by|endorsed\s+by|supported\s+by|"
    r"endorsing\s+organi[sz]ations|endorsers|endorsements|signatures|signed|firmas|firmado|"
    r"adhesiones|adhieren|se\s+adhieren|adhérents|adhesions|list\s+of\s+signatories|"
    r"liste\s+des\s+signataires|"
    r"lista\s+de\s+firmantes|the\s+undersigned|les\s+signataires|los\s+firmantes|"
    r"signé|signée?s|firman|unterschriften|unterzeichnet|подписи|подписано|υπογραφές|"
    r"υπογράφουν|الموقعون|imzalayanlar|ilk\s+imzacılar|co-signataires|cosignataires|"
    # Turkish: 'İMZA VERENLER', 'İmza veren kurumlar', 'Destekleyen örgütler'
    r"imza\s+verenler|imza\s+veren\s+(?:kurum|kuruluş|örgüt|dernek)\w*|"
    r"imzacı\s+(?:kurum|kuruluş|örgüt)\w*|destekleyen\s+(?:kurum|kuruluş|örgüt)\w*|"
    r"organisations\s+signataires|organizaciones\s+firmantes|signing\s+organi[sz]ations|"
    r"endorsing|signatory\s+organi[sz]ations|signatari[oa]s|endosseur(?:e?s)?|"
    r"organisations\s+endosseuses|unterzeichnende|"
    # Catalan, Italian, Portuguese, Dutch, Polish
    r"signen|signants|signataris|entitats\s+signants|persones\s+signants|sotasignants|"
    r"firmano|sottoscrivono|hanno\s+firmato|aderiscono|assinam|subscrevem|"
    r"ondertekend\s+door|ondertekenaars|podpisali|podpisane\s+organizacje|"
    # Czech and Slovak; Chinese (simplified and traditional), Japanese, Korean
    r"podepsaní|signatáři|podpísaní|signatári|podpisy|"
    r"签名人|签名者|签署人|签署者|联署人|联署者|连署人|簽名人|簽署人|聯署人|連署人|署名者|"
    r"賛同者|서명자|"
    # Swedish, Finnish
    r"undertecknare|undertecknade|undertecknat\s+av|står\s+bakom|ställer\s+sig\s+bakom|"
    r"allekirjoittaneet|allekirjoittajat|allekirjoittaneet\s+järjestöt"
)
CLOSINGS = (
    r"sincerely|yours\s+(?:sincerely|faithfully|truly)|respectfully(?:\s+yours)?|"
    r"in\s+solidarity|with\s+(?:best\s+|kind\s+)?regards|best\s+regards|kind\s+regards|"
    r"regards|signé|signed|cordialement|bien\s+cordialement|salutations|"
    r"veuillez\s+agréer.*|atentamente|saludos(?:\s+\w+)?|un\s+saludo|cordialmente|"
    r"mit\s+(?:solidarischen|freundlichen|herzlichen|kollegialen|besten)\s+gr(?:ü|ue|u)(?:ß|ss)en|"
    r"solidarische\s+grüße|hochachtungsvoll|distinti\s+saluti|cordiali\s+saluti|"
    r"atenciosamente|saudações|с\s+уважением|з\s+повагою|saygılarımızla|saygılarımla|"
    r"with\s+respect|respectueusement|en\s+solidarité|en\s+solidaridad|in\s+solidarität|"
    r"sincèrement|sinceramente|solidairement|fraternellement|amicalement|bien\s+à\s+vous|"
    r"en\s+toute\s+solidarité|un\s+abrazo|solidariamente|fraternalmente|"
    # Italian, Portuguese, German, Russian, Ukrainian, Turkish, Greek, Arabic
    r"in\s+fede|saluti|un\s+saluto|cordiali\s+saluti|con\s+(?:i\s+)?migliori\s+saluti|"
    r"distinti\s+saluti|un\s+abbraccio|respeitosamente|um\s+abraço|abraços|"
    r"saudações\s+\w+|(?:viele|beste|freundliche|herzliche|solidarische)\s+grü(?:ß|ss)e|"
    r"mit\s+freundlichem\s+gru(?:ß|ss)|искренне(?:\s+ваш\w*)?|с\s+наилучшими\s+пожеланиями|"
    r"з\s+найкращими\s+побажаннями|saygıyla|saygılarımızla|με\s+εκτίμηση|με\s+σεβασμό|"
    r"μετά\s+τιμής|με\s+αλληλεγγύη|مع\s+(?:خالص\s+)?التحي(?:ة|ات)|تحياتنا|تحياتي|"
    # Catalan, Dutch, Polish
    r"atentament|cordialment|salutacions(?:\s+\w+)?|amb\s+solidaritat|"
    r"met\s+vriendelijke\s+groet(?:en)?|hoogachtend|in\s+solidariteit|"
    r"z\s+poważaniem|z\s+wyrazami\s+szacunku"
)
INDIVIDUALS = (
    r"individuals?|individual\s+signatories|individual\s+signers|personal\s+signatories|"
    r"persons|people|personalities|einzelpersonen|einzelunterzeichn\w*|personen|personnes|"
    r"personnalités|personas|personalidades|pessoas|persone|kişiler|bireyler|"
    r"частные\s+лица|личности|физические\s+лица|фізичні\s+особи|scholars|academics|"
    r"experts|researchers|artists|members\s+of\s+parliament|parliamentarians|"
    r"in\s+a\s+personal\s+capacity|à\s+titre\s+personnel|a\s+título\s+personal|"
    # Polish: 'Osoby publiczne', 'Osoby prywatne' (public figures, private persons)
    r"osoby(?:\s+(?:publiczne|prywatne|indywidualne))?"
)
ORGANIZATIONS = (
    r"organi[sz]ations|organisationen|organizaciones|organizações|organizzazioni|"
    r"organisations?\s+signataires|parties\s+and\s+organi[sz]ations|"
    r"parteien\s+und\s+organisationen|örgütler|организации|організації|groups|"
    r"associations|collectifs|colectivos|unions|trade\s+unions|syndicats|sindicatos|"
    r"gewerkschaften|ngos|ongs|networks|réseaux|redes|institutions|companies|entreprises|"
    r"instituciones|instituições|istituzioni|asambleas|asociaciones|associações|"
    r"institutional(?:\s+(?:signatories|signers|endorsements|supporters))?|"
    # Polish: 'Organizacje i grupy nieformalne' (organizations and informal groups)
    r"organizacje(?:\s+i\s+grupy)?"
)
# An institution's word in the genitive, as a function names where it is held with no
# preposition between (Polish, Ukrainian, Russian): 'prezeska Fundacji …', 'Голова Союзу …'
GENITIVE_INSTITUTION = re.compile(
    r"fundacji|stowarzyszenia|towarzystwa|związku|partii|koalicji|federacji|instytutu|"
    r"uniwersytetu|porozumienia|inicjatywy|kolektywu|komitetu|organizacji|rady|"
    r"союзу|спілки|громади|ради|асоціації|організації|товариства|фонду|центру|університету|"
    r"інституту|партії|комітету|федерації|союза|общества|фонда|центра|университета|"
    r"института|партии|комитета|ассоциации|организации|федерации|объединения|совета",
    re.IGNORECASE,
)
# A heading of supporters inside a list ('Destekleyenler', 'Unterstützer*innen', 'Apoiadores',
# 'Soutiens'): a second group, whose kind its own entries tell, not the group above it
SUPPORTERS = (
    r"supporters|supported\s+by|destekleyenler|destekçiler|unterstützer(?:\*innen|:innen|"
    r"_innen|innen)?|unterstützt\s+von|apoiadores|apoiadoras|apoiantes|apoios|apoyos|"
    r"apoyan|soutiens|ils\s+soutiennent|sostenitori|sostengono|поддержали|поддерживают|"
    r"підтримали|підтримують"
)
# A letter's salutation: a word that opens one whatever follows it ('Dear …', 'Sehr geehrte
# …', 'Уважаемые …'), and words that open one only on a short line ending in a comma, colon
# or exclamation mark, since they also begin names ('Cara Rossi', 'Gentile Bianchi')
SALUTATIONS = (
    r"dear|liebe[rs]?|sehr\s+geehrte[rs]?|cher|chère|chers|chères|"
    r"estimad[oa@xe]s?|querid[oa@xe]s?|egregi[oa]?|gentilissim[oaie]|"
    r"prezad[oa@xe]s?|benvolgut(?:s|des?|da)?|uważan\w*|szanown\w+|vážen[áéíý]\w*|"
    r"geachte|уважаем\w+|шановн\w+|дорог(?:ой|ая|ие)|вельмишановн\w+"
)
SALUTATIONS_PUNCTUATED = (
    r"car[oaie]|gentil[ei]|spettabile|beste|hello|hi|hallo|bonjour|hola|olá|ciao|"
    r"madame|monsieur|mesdames|messieurs|señor(?:a|es|as)?|senhor(?:a|es|as)?|"
    r"to\s+whom\s+it\s+may\s+concern|milí|milé|milá"
)
# Who receives a copy, or whose attention a letter is for: phrases that say it alone, and
# short words that say it only before a colon ('CC' may be an organization's letters)
COPIES = (
    r"na\s+vědomí|na\s+vedomie|k\s+rukám|k\s+rukam|zur\s+kenntnis(?:nahme)?|"
    r"in\s+kopie(?:\s+an)?|kopie\s+an|copie\s+(?:à|a)|en\s+copie|copies?\s+to|"
    r"con\s+copia(?:\s+a)?|per\s+conoscenza|em\s+cópia|com\s+cópia(?:\s+(?:para|a))?|"
    r"con\s+copia\s+para|copia\s+(?:a|para)|на\s+сведение|до\s+відома|"
    r"à\s+l['’]attention\s+de|a\s+la\s+atención\s+de|all['’]attenzione\s+d\w*|"
    r"zu\s+händen(?:\s+von)?|attention\s+of|for\s+the\s+attention\s+of"
)
COPIES_COLON = r"cc|bcc|c\.\s?c\.|p\.\s?c\.|copy|copia|copie|kopie|kopia|копия|копія|attn"
ADDRESSEES = r"to|cc|bcc|an|à|a|para|kopie|copie|copia|attn|attention|à\s+l'attention\s+de"
ORGANIZATION_WORD = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(w) for w in sorted(ORGANIZATION_WORDS, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(
        [
            "a",
            "an",
            "the",
            "of",
            "and",
            "or",
            "for",
            "to",
            "in",
            "on",
            "at",
            "by",
            "with",
            "from",
            "as",
            "de",
            "du",
            "des",
            "la",
            "le",
            "les",
            "l",
            "d",
            "et",
            "en",
            "pour",
            "par",
            "sur",
            "au",
            "aux",
            "dans",
            "y",
            "e",
            "el",
            "los",
            "las",
            "del",
            "al",
            "con",
            "por",
            "para",
            "o",
            "em",
            "do",
            "da",
            "dos",
            "das",
            "no",
            "na",
            "nos",
            "nas",
            "der",
            "die",
            "das",
            "den",
            "dem",
            "des",
            "und",
            "für",
            "von",
            "zu",
            "im",
            "am",
            "zum",
            "zur",
            "mit",
            "auf",
            "bei",
            "aus",
            "di",
            "del",
            "della",
            "delle",
            "dei",
            "degli",
            "il",
            "lo",
            "gli",
            "per",
            "con",
            "su",
            "van",
            "het",
            "een",
            "en",
            "voor",
            "op",
            "te",
            "и",
            "в",
            "на",
            "с",
            "по",
            "за",
            "из",
            "к",
            "о",
            "от",
            "для",
        ]
    )


def stopwords() -> frozenset[str]:
    return _stopwords()


@lru_cache(maxsize=1 << 16)
def has_organization_word(text: str) -> bool:
    """Whether a text names a kind of organization or a legal form; asked of the same texts
    many times while a list is read, so remembered."""
    return bool(ORGANIZATION_WORD.search(text))


# a Chinese or Japanese character is a word of its own: a line of them has no spaces
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def word_count(text: str) -> int:
    """The words of a text, each Chinese or Japanese character one: a sentence of sixty
    characters is long, though it holds no space."""
    return len(_CJK_CHAR.sub(" ", text).split()) + len(_CJK_CHAR.findall(text))
