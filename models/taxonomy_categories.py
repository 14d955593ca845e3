"""The everyday categories of models/taxonomy.json, in the order tags are listed (specific first).

Each category: tag (singular, lowercase), plural (for search), synsets ("nOFFSET lemma",
WordNet 3.0; make_taxonomy.py checks the lemma), optional except (hyponyms left out),
implies (tags every member also gets) and why (for choices that are not obvious).
Scene words map single ImageNet labels by WNID. Tags beyond the issue's list: person,
drink, coffee, mushroom, shoe, shop, bridge, camera, appliance, clock, toy, rocket, sea.
"""

CATEGORIES = [
    {"tag": "dog", "plural": "dogs", "synsets": ["n02084071 dog"]},
    {"tag": "cat", "plural": "cats", "synsets": ["n02121620 cat"],
     "why": "cat.n.01 (true cats): domestic cats and the small wildcats the model confuses them with "
            "(lynx, cougar); big cats (lion, tiger, leopard, ...) are animals, not 'cat'"},
    {"tag": "bird", "plural": "birds", "synsets": ["n01503061 bird"]},
    {"tag": "fish", "plural": "fish", "synsets": ["n02512053 fish"]},
    {"tag": "insect", "plural": "insects", "synsets": ["n02159955 insect"]},
    {"tag": "reptile", "plural": "reptiles", "synsets": ["n01661091 reptile"]},
    {"tag": "animal", "plural": "animals", "synsets": ["n00015388 animal"]},
    {"tag": "person", "plural": "people", "synsets": ["n00007846 person"]},
    {"tag": "car", "plural": "cars", "synsets": ["n02958343 car"], "implies": ["vehicle"]},
    {"tag": "truck", "plural": "trucks", "synsets": ["n04490091 truck"], "implies": ["vehicle"]},
    {"tag": "bus", "plural": "buses", "synsets": ["n02924116 bus"], "implies": ["vehicle"]},
    {"tag": "train", "plural": "trains", "synsets": ["n04468005 train", "n03684823 locomotive", "n02959942 railcar"],
     "implies": ["vehicle"], "why": "WordNet files trains and buses under public transport, not vehicle"},
    {"tag": "boat", "plural": "boats", "synsets": ["n04530566 watercraft"], "implies": ["vehicle"]},
    {"tag": "aircraft", "plural": "aircraft", "synsets": ["n02686568 aircraft"], "implies": ["vehicle"]},
    {"tag": "bicycle", "plural": "bicycles", "synsets": ["n02834778 bicycle"], "implies": ["vehicle"]},
    {"tag": "motorcycle", "plural": "motorcycles",
     "synsets": ["n03790512 motorcycle", "n03785016 moped", "n03791053 motor scooter"],
     "implies": ["vehicle"], "why": "ImageNet has no motorcycle class: motorcycles come out as moped or motor scooter"},
    {"tag": "vehicle", "plural": "vehicles", "synsets": ["n04524313 vehicle"], "except": ["n03773504 missile"]},
    {"tag": "fruit", "plural": "fruits", "synsets": ["n07705931 edible fruit"], "implies": ["food"]},
    {"tag": "vegetable", "plural": "vegetables", "synsets": ["n07707451 vegetable", "n12144580 corn", "n13133613 ear"],
     "implies": ["food"], "why": "ImageNet's corn and ear (of corn) are plant parts in WordNet; the photos are corn cobs"},
    {"tag": "drink", "plural": "drinks", "synsets": ["n07881800 beverage"], "except": ["n07930864 cup"],
     "why": "ImageNet's cup is WordNet's punch (a drink) but its photos are cups: container, not drink"},
    {"tag": "coffee", "plural": "coffee", "synsets": ["n07929519 coffee", "n03063599 coffee mug"]},
    {"tag": "food", "plural": "food", "synsets": ["n00021265 food", "n07555863 food"],
     "except": ["n07881800 beverage", "n07565083 menu", "n07802026 hay"]},
    {"tag": "flower", "plural": "flowers", "synsets": ["n11669921 flower", "n11879895 rapeseed"],
     "implies": ["plant"], "why": "ImageNet's rapeseed photos are fields of flowering rape"},
    {"tag": "plant", "plural": "plants", "synsets": ["n00017222 plant", "n13086908 plant part"],
     "except": ["n12144580 corn", "n13133613 ear", "n07705931 edible fruit"],
     "why": "acorns, rose hips and buckeyes are plant parts; edible fruit is fruit and food, not plant"},
    {"tag": "mushroom", "plural": "mushrooms", "synsets": ["n12992868 fungus", "n07734744 mushroom"]},
    {"tag": "furniture", "plural": "furniture", "synsets": ["n03405725 furniture"]},
    {"tag": "shop", "plural": "shops", "synsets": ["n04202417 shop", "n03461385 grocery store"],
     "implies": ["building"]},
    {"tag": "building", "plural": "buildings",
     "synsets": ["n02913152 building", "n02980441 castle", "n04005630 prison", "n04613696 yurt",
                 "n03042490 cliff dwelling", "n03697007 lumbermill", "n04417672 thatch", "n04435653 tile roof"],
     "except": ["n03529860 home theater"],
     "why": "castles, prisons, dwellings, mills and the thatched/tiled-roof houses are buildings to a user; "
            "ImageNet's home theater photos are living rooms with a screen"},
    {"tag": "bridge", "plural": "bridges", "synsets": ["n02898711 bridge"]},
    {"tag": "musical instrument", "plural": "musical instruments", "synsets": ["n03800933 musical instrument"]},
    {"tag": "shoe", "plural": "shoes", "synsets": ["n03380867 footwear"], "implies": ["clothing"]},
    {"tag": "clothing", "plural": "clothes", "synsets": ["n03051540 clothing", "n03045698 cloak"],
     "except": ["n04162706 seat belt"]},
    {"tag": "ball", "plural": "balls", "synsets": ["n02778669 ball"], "except": ["n04023962 punching bag"]},
    {"tag": "tool", "plural": "tools", "synsets": ["n04451818 tool", "n02966687 carpenter's kit"]},
    {"tag": "computer", "plural": "computers",
     "synsets": ["n03082979 computer", "n03085013 computer keyboard", "n03793489 mouse", "n04264628 space bar"],
     "except": ["n04238763 slide rule"], "implies": ["electronics"]},
    {"tag": "camera", "plural": "cameras", "synsets": ["n02942699 camera"], "implies": ["electronics"]},
    {"tag": "appliance", "plural": "appliances",
     "synsets": ["n03528263 home appliance", "n04330267 stove", "n03271574 electric fan", "n04265275 space heater",
                 "n03133878 crock pot", "n03483316 hand blower"]},
    {"tag": "clock", "plural": "clocks", "synsets": ["n03046257 clock"]},
    {"tag": "toy", "plural": "toys", "synsets": ["n03964744 plaything"]},
    {"tag": "rocket", "plural": "rockets", "synsets": ["n04099429 rocket", "n04008634 projectile",
                                                      "n04264914 spacecraft"],
     "why": "launch photos come out as missile, projectile or space shuttle"},
    {"tag": "electronics", "plural": "electronics",
     "synsets": ["n03278248 electronic equipment", "n03277771 electronic device", "n04404412 television",
                 "n04041544 radio", "n03691459 loudspeaker", "n03759954 microphone", "n04074963 remote control",
                 "n04009552 projector", "n03492542 hard disc", "n03197337 digital watch",
                 "n03196217 digital clock", "n03529860 home theater"]},
    {"tag": "container", "plural": "containers", "synsets": ["n03094503 container", "n07930864 cup"],
     "except": ["n04524313 vehicle"],
     "why": "WordNet files wheeled vehicles under container; nobody calls a car a container"},
    {"tag": "beach", "plural": "beaches", "synsets": ["n09428293 seashore", "n09421951 sandbar"]},
    {"tag": "sea", "plural": "seas", "synsets": ["n09428293 seashore", "n09421951 sandbar", "n09256479 coral reef",
                                                "n09399592 promontory"]},
    {"tag": "lake", "plural": "lakes", "synsets": ["n09332890 lakeside"]},
    {"tag": "mountain", "plural": "mountains", "synsets": ["n09193705 alp", "n09472597 volcano",
                                                          "n09468604 valley", "n09246464 cliff"]},
]

# Implied tags (make_taxonomy.py): every hypernym of a label becomes a tag, climbing until one of STOP.
# STOP: synsets so general that they join unrelated things (a dog and a cello are both "whole",
# "object", "artifact" or "device"), so as search words they would find nearly everything of a kind
# and as voice words crowd out useful ones; the climb ends there, as nothing above them is narrower.
STOP = [
    "n00001740 entity", "n00001930 physical entity", "n00002137 abstraction", "n00002684 object",
    "n00003553 whole", "n00004258 living thing", "n00004475 organism", "n00007347 causal agent",
    "n00019128 natural object", "n00020827 matter", "n00020090 substance", "n15046900 solid",
    "n00021939 artifact", "n03575240 instrumentality", "n03183080 device", "n03122748 covering",
    "n03100490 conveyance", "n03076708 commodity", "n03093574 consumer goods", "n03257877 durables",
    "n04341686 structure", "n03294048 equipment", "n03563967 implement", "n03574816 instrument",
    "n03738472 mechanism", "n03736970 mechanical device", "n04081844 restraint", "n03839993 obstruction",
    "n04014297 protective covering", "n03405265 furnishing", "n03297735 establishment",
    "n03953020 place of business", "n07570720 nutriment", "n07566340 foodstuff", "n11675842 reproductive structure",
    "n13087625 plant organ", "n00019613 substance", "n14939900 fluid", "n13809207 part", "n00031921 relation",
    "n00022903 article", "n04550840 ware", "n04359589 support",
]
# SKIP: zoological and botanical ranks that are correct but that nobody searches photos for; the
# climb goes on through them (a dog is still a "mammal"), they just are not tags.
SKIP = [
    "n01466257 chordate", "n01471682 vertebrate", "n01886756 placental", "n01661818 diapsid",
    "n01473806 aquatic vertebrate", "n02514825 bony fish", "n02528163 teleost fish", "n01525720 oscine",
    "n01674216 saurian",
]
# Labels whose WordNet synset is not what their photos show: their implied tags start from the synset
# given instead (the label's own name stays).
START_FROM = {
    "n07930864 cup": ("n03147509 cup", "ImageNet's cup is WordNet's punch (a drink); the photos are cups"),
}
