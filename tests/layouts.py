"""Documents in each layout a transcription comes in, made from the same Kazakh prose: cut at every ". ",
wrapped by a word processor or a PDF conversion, and texts whose lines are their own (verse, a list)."""

import re
import textwrap

# Written for these tests: three paragraphs on the history of Kazakh diplomacy.
PROSE = [
    "Қазақ хандығының сыртқы саясаты XV ғасырдың екінші жартысында қалыптаса бастады. Керей мен Жәнібек "
    "хандар көршілес мемлекеттермен елшілік байланыстар орнатып, сауда жолдарының қауіпсіздігін қамтамасыз етуге "
    "тырысты. Бұл кезеңде дипломатиялық қатынастардың негізгі құралы ретінде елшілер алмасу, сыйлықтар беру және "
    "некелік одақтар қолданылды. Тарихшылардың пікірінше, хандықтың халықаралық беделі Қасым хан тұсында "
    "айтарлықтай өсті. Оның билігі кезінде Мәскеу мемлекетімен алғашқы ресми байланыстар орнады.",
    "Тәуке хан тұсында қабылданған Жеті жарғы мемлекеттің ішкі және сыртқы істерін реттейтін маңызды құжат "
    "болды. Онда елшілердің мәртебесі мен оларға көрсетілетін құрмет туралы арнайы ережелер бар еді. Билер кеңесі "
    "соғыс пен бітім мәселелерін талқылап, ханға кеңес берді. Сондықтан дипломатиялық шешімдер көбіне ұжымдық "
    "сипатта қабылданды.",
    "XVIII ғасырдың басында жоңғар шапқыншылығы қазақ дипломатиясының алдына жаңа міндеттер қойды. Әбілқайыр, "
    "Абылай және Төле би сияқты қайраткерлер Ресей мен Цин империясы арасындағы тепе-теңдікті сақтауға ұмтылды. "
    "Абылай ханның көпвекторлы саясаты бүгінгі Қазақстанның сыртқы саясатына үлгі болып табылады деген пікір "
    "кең тараған. Зерттеушілер бұл тәжірибені қазіргі дипломатия тарихының бастауы ретінде қарастырады.",
]


def cut() -> str:
    """The seed's defect: every ". " cut, one sentence a line, each paragraph indented."""
    return "".join("  " + "\n".join(re.split(r"\. ", paragraph.rstrip("."))) + "\n" for paragraph in PROSE)


def word_processor(width: int = 72) -> str:
    """A Word conversion: every line wrapped at `width`, each paragraph's first line indented."""
    return "".join("    " + "\n".join(textwrap.wrap(paragraph, width)) + "\n" for paragraph in PROSE)


def pdf(width: int = 48) -> str:
    """A PDF conversion: a narrow column, paragraphs apart by a blank line, a word hyphenated at a line end."""
    paragraphs = ["\n".join(textwrap.wrap(paragraph, width, break_on_hyphens=False)) for paragraph in PROSE]
    text = "\n\n".join(paragraphs) + "\n"
    return text.replace("дипломатиялық қатынастардың", "дипломатия-\nлық қатынастардың", 1)


# Abai Kunanbaiuly, "Өлең – сөздің патшасы, сөз сарасы" (1887), first two stanzas.
VERSE = (
    "  Өлең – сөздің патшасы, сөз сарасы,\n"
    "Қиыннан қиыстырар ер данасы.\n"
    "Тілге жеңіл, жүрекке жылы тиіп,\n"
    "Теп-тегіс жұмыр келсін айналасы.\n"
    "\n"
    "  Бөтен сөзбен былғанса сөздің арасы,\n"
    "Ол – ақынның білімсіз бишарасы.\n"
    "Айтушы мен тыңдаушы көбі надан,\n"
    "Бұл жұрттың сөз танымас бір парасы.\n"
)

LIST = (
    "  Жұмыстың міндеттері:\n"
    "1) хандық дәуірдегі елшілік байланыстарды сипаттау;\n"
    "2) Жеті жарғыдағы елшілер туралы ережелерді талдау;\n"
    "3) Абылай ханның сыртқы саясатын бағалау;\n"
    "4) қазіргі дипломатиямен сабақтастығын көрсету.\n"
)

SHORT = "  Қазақ хандығының сыртқы саясаты XV ғасырда\nқалыптаса бастады.\n"

# A short work that cites by number and lists its references in GOST 7.1, the forms theses print: a book
# with its publisher, an article with its journal, an entry wrapped over two lines, an entry no
# publication reads in (an archive's file), an English book. It cites [7], which its list lacks.
REFERENCE_LIST = (
    "КІРІСПЕ\n"
    "  Қазақ хандығының құрылуы туралы пікірлер әртүрлі [1, 25 б.]. Бұл мәселені бірнеше зерттеуші "
    "қарастырды [1-3]. Ханның хаттары жарияланған [3,185-231]. Мұрағат деректері де сақталған [4]. "
    "Шетелдік зерттеулер аз [7].\n"
    "\n"
    "ҚОЛДАНЫЛҒАН ӘДЕБИЕТТЕР ТІЗІМІ\n"
    "1. Назарбаев Н.Ә. Қазақстан жолы. – Астана: Елорда, 2007. – 372 б.\n"
    "2. Әбжанов Х.М. Тарих және тағдыр // Қазақстан тарихы. – 2010. – №3. – Б. 25-31.\n"
    "3. Ерофеева И.В. Хан Абулхаир: полководец, правитель и политик. –\n"
    "Алматы: Санат, 1999. – 336 с.\n"
    "4. Ресми мұрағат құжаттары, ҚР ОММ 5-қор, 1-тізбе\n"
    "5. Olcott M.B. The Kazakhs. – Stanford: Hoover Institution Press, 1995. – 388 p.\n"
)
