"""A realistic synthetic catalog for the search benchmark: French and Arabic names, accents,
sizes, colours and SKUs, about five variants per product.

Deterministic (seeded), so two runs search the same catalog.
"""

import random

TYPES = [
    ("Sac", "SAC"),
    ("Sac à main", "SACM"),
    ("Sac bandoulière", "SACB"),
    ("Pochette", "POCH"),
    ("Portefeuille", "PORT"),
    ("Ceinture", "CEIN"),
    ("T-shirt", "TSH"),
    ("Chemise", "CHEM"),
    ("Jean", "JEAN"),
    ("Pantalon", "PANT"),
    ("Robe", "ROBE"),
    ("Jupe", "JUPE"),
    ("Veste", "VEST"),
    ("Manteau", "MANT"),
    ("Pull", "PULL"),
    ("Gilet", "GILE"),
    ("Djellaba", "DJEL"),
    ("Caftan", "CAFT"),
    ("Gandoura", "GAND"),
    ("Babouches", "BABO"),
    ("Baskets", "BASK"),
    ("Sandales", "SAND"),
    ("Escarpins", "ESCA"),
    ("Bottines", "BOTT"),
    ("Foulard", "FOUL"),
    ("Écharpe", "ECHA"),
    ("Casquette", "CASQ"),
    ("Montre", "MONT"),
    ("Lunettes de soleil", "LUNE"),
    ("Bracelet", "BRAC"),
    ("Collier", "COLL"),
    ("Boucles d'oreilles", "BOUC"),
    ("Parfum", "PARF"),
    ("Crème hydratante", "CREM"),
    ("Savon", "SAVO"),
    ("Huile d'argan", "ARGA"),
    ("Théière", "THEI"),
    ("Tajine", "TAJI"),
    ("Coussin", "COUS"),
    ("Tapis", "TAPI"),
    ("Lanterne", "LANT"),
    ("Serviette", "SERV"),
    ("Pyjama", "PYJA"),
    ("Survêtement", "SURV"),
    ("Maillot", "MAIL"),
]
MATERIALS = [
    "en cuir",
    "en lin",
    "en coton",
    "en soie",
    "en laine",
    "en daim",
    "tressé",
    "brodé",
    "en velours",
    "en denim",
    "en céramique",
    "en cuivre",
    "en argent",
    "doré",
    "en inox",
    "imprimé",
    "matelassé",
    "en satin",
    "bio",
    "artisanal",
]
STYLES = [
    "classique",
    "élégant",
    "décontracté",
    "sport",
    "vintage",
    "berbère",
    "fassi",
    "moderne",
    "slim",
    "oversize",
    "léger",
    "premium",
    "traditionnel",
    "été",
    "hiver",
    "soirée",
]
BRANDS = [
    "Atlas",
    "Majorelle",
    "Essaouira",
    "Chefchaouen",
    "Medina",
    "Sahara",
    "Oasis",
    "Tanger",
    "Agadir",
    "Ifrane",
    "Zagora",
    "Rif",
]
ARABIC_NAMES = [
    "جلابة مطرزة",
    "قفطان حرير",
    "بلغة جلد",
    "زيت الأركان",
    "الصابون البلدي",
    "حقيبة يد",
    "حزام جلد",
    "عطر العود",
    "شاي أخضر",
    "طاجين فخار",
    "سجادة أمازيغية",
    "قميص قطن",
    "عباية سوداء",
    "حجاب شيفون",
]
COLOURS = [
    "Noir",
    "Blanc",
    "Rouge",
    "Bleu",
    "Vert",
    "Beige",
    "Marron",
    "Gris",
    "Rose",
    "Jaune",
    "Écru",
    "Bordeaux",
    "Kaki",
    "Doré",
    "Argenté",
    "Camel",
    "Turquoise",
    "Violet",
]
SIZES = ["XS", "S", "M", "L", "XL", "XXL"]
SHOE_SIZES = [str(n) for n in range(36, 46)]
SHOES = {"BABO", "BASK", "SAND", "ESCA", "BOTT"}


def generate(variant_target: int = 100_000, seed: int = 7):
    """Yields (product, [variants]) with dict rows; stops once variant_target is reached."""
    rng = random.Random(seed)
    made = 0
    number = 0
    while made < variant_target:
        number += 1
        type_name, code = rng.choice(TYPES)
        name = f"{type_name} {rng.choice(MATERIALS)} {rng.choice(STYLES)}"
        if rng.random() < 0.5:
            name += f" {rng.choice(BRANDS)}"
        if rng.random() < 0.15:
            name += " " + rng.choice(ARABIC_NAMES)
        sku = f"{code}-{number:05d}"
        price = f"{rng.randrange(29, 1500)}.{rng.choice(['00', '00', '50', '90', '99'])}"
        product = {"sku": sku, "name": name, "price": price}
        variants = []
        if rng.random() < 0.2:
            variants.append(
                {
                    "sku": sku,
                    "name": name,
                    "attributes": {},
                    "available": rng.randrange(0, 30),
                    "price": None,
                }
            )
        else:
            colours = rng.sample(COLOURS, rng.randrange(1, 4))
            sizes = SHOE_SIZES if code in SHOES else SIZES
            picked = rng.sample(sizes, rng.randrange(1, 4))
            size_key = "pointure" if code in SHOES else "taille"
            for colour in colours:
                for size in picked:
                    variants.append(
                        {
                            "sku": f"{sku}-{colour[:3].upper()}-{size}",
                            "name": f"{colour} / {size}",
                            "attributes": {"couleur": colour, size_key: size},
                            "available": rng.randrange(0, 20),
                            "price": None if rng.random() < 0.8 else price,
                        }
                    )
        made += len(variants)
        yield product, variants


def queries(seed: int = 11) -> list[str]:
    """What agents type, keystroke by keystroke (from 2 characters), typos included."""
    full = [
        "sac cuir noir",
        "ceinture marron",
        "ceinure cuir",
        "tshirt blanc XL",
        "t-shirt noir m",
        "djellaba brodee",
        "caftan soie",
        "babouches 42",
        "chemise lin",
        "jean slim bleu",
        "foulard soie rouge",
        "montre doree",
        "lunettes soleil",
        "huile argan",
        "زيت الاركان",
        "قفطان",
        "theiere inox",
        "tajine",
        "pochette soiree",
        "baskets blanches 41",
        "TSH-0012",
        "SAC-00",
        "chemsie coton",
        "bandouliere beige",
        "escarpins noir 38",
        "manteau laine gris",
        "parfum",
        "survetement",
        "echarpe",
        "bottines daim camel",
        "robe satin bordeaux",
        "collier argent",
        "majorelle",
        "essaouira",
        "pyjama coton rose",
    ]
    sequence = []
    for text in full:
        for end in range(2, len(text) + 1):
            if text[end - 1] != " ":
                sequence.append(text[:end])
    random.Random(seed).shuffle(sequence)
    return sequence
