/**
 * The seeded knowledge base: what the AI agent of "Orzu Bank"'s call center knows, in Uzbek (Latin
 * script), as a product manager would expect to see it in a demo. Topics group the pairs; calls
 * about a topic quote them in their transcripts.
 */
export interface SeedTopic {
  name: string;
  description: string;
  qas: [question: string, answer: string, tags: string[]][];
}

export const KNOWLEDGE_BASE: SeedTopic[] = [
  {
    name: "Kredit to'lovlari",
    description: "Kredit bo'yicha to'lov muddatlari, usullari va kechikish haqidagi savollar.",
    qas: [
      [
        "Kredit bo'yicha to'lov muddati qachon?",
        "To'lov har oyning 15-sanasigacha amalga oshirilishi kerak. Muddatni ilovadagi \"Kreditlarim\" bo'limida ko'rishingiz mumkin.",
        ['kredit', "to'lov"],
      ],
      [
        "To'lovni qaysi usullar bilan qilsam bo'ladi?",
        "Orzu Bank mobil ilovasi, Click, Payme, bankomatlar va istalgan filial kassasi orqali to'lashingiz mumkin.",
        ['kredit', "to'lov"],
      ],
      [
        "To'lovni kechiktirsam nima bo'ladi?",
        "Har bir kechikkan kun uchun qoldiq summaning 0,05 foizi miqdorida penya hisoblanadi. Muammo bo'lsa, oldindan operatorga murojaat qiling.",
        ['kredit', 'penya'],
      ],
      [
        "Kreditni muddatidan oldin yopsam bo'ladimi?",
        'Ha, istalgan vaqtda jarimasiz yopishingiz mumkin. Qoldiq summani ilovadan yoki filialdan bilib oling.',
        ['kredit'],
      ],
      [
        "To'lov jadvalini qayerdan olaman?",
        'To\'lov jadvali ilovaning "Kreditlarim" bo\'limida va SMS orqali yuboriladi. Filialda bosma nusxasini ham olishingiz mumkin.',
        ['kredit', 'jadval'],
      ],
    ],
  },
  {
    name: 'Plastik kartalar',
    description: 'Uzcard, Humo va Visa kartalarini ochish, bloklash va limitlar.',
    qas: [
      [
        "Kartam yo'qolib qolsa nima qilishim kerak?",
        "Darhol ilovadan kartani bloklang yoki 1234 qisqa raqamiga qo'ng'iroq qiling. Yangi kartani filialda 3 ish kunida tayyorlab beramiz.",
        ['karta', 'bloklash'],
      ],
      [
        "Visa kartani qanday ochsam bo'ladi?",
        "Ilovadan buyurtma berib, pasport bilan filialga kelasiz. Karta 5 ish kunida tayyor bo'ladi, yillik xizmat haqi 50 000 so'm.",
        ['karta', 'visa'],
      ],
      [
        'Kartadan naqd pul yechish limiti qancha?',
        "Bir kunlik limit 10 million so'm. Limitni ilovaning \"Sozlamalar\" bo'limida o'zgartirishingiz mumkin.",
        ['karta', 'limit'],
      ],
      [
        'PIN-kodni unutdim, nima qilay?',
        'PIN-kodni ilovada "Kartalar" bo\'limidan yangilashingiz mumkin. Buning uchun SMS orqali tasdiqlash kodi keladi.',
        ['karta', 'pin'],
      ],
    ],
  },
  {
    name: 'Omonatlar',
    description: 'Omonat turlari, foiz stavkalari va muddatlari.',
    qas: [
      [
        "Omonat bo'yicha foiz stavkasi qancha?",
        "12 oylik \"Orzu\" omonati bo'yicha yillik 20 foiz, 6 oylik omonat bo'yicha 18 foiz. Foizlar har oy kartangizga o'tkaziladi.",
        ['omonat', 'foiz'],
      ],
      [
        "Omonatni muddatidan oldin yopsam foiz yo'qoladimi?",
        "Muddatidan oldin yopilganda foizlar talab qilib olinguncha omonat stavkasida, ya'ni yillik 1 foizda qayta hisoblanadi.",
        ['omonat'],
      ],
      [
        'Minimal omonat summasi qancha?',
        "Minimal summa 500 000 so'm. Ilova orqali ochilgan omonatlarga qo'shimcha 1 foiz bonus beriladi.",
        ['omonat'],
      ],
      [
        "Omonatni onlayn ochsa bo'ladimi?",
        'Ha, mobil ilovada "Omonatlar" bo\'limidan bir necha daqiqada ochishingiz mumkin, filialga borish shart emas.',
        ['omonat', 'ilova'],
      ],
    ],
  },
  {
    name: 'Mobil ilova',
    description: "Orzu Bank ilovasiga kirish, ro'yxatdan o'tish va texnik muammolar.",
    qas: [
      [
        'Ilovaga kira olmayapman, nima qilay?',
        'Ilovani eng so\'nggi versiyaga yangilang va internet aloqasini tekshiring. Parolni unutgan bo\'lsangiz, "Parolni tiklash" tugmasini bosing.',
        ['ilova', 'kirish'],
      ],
      [
        "Ilovada qanday ro'yxatdan o'taman?",
        "Telefon raqamingizni kiriting, SMS kodni tasdiqlang va pasport ma'lumotlaringizni yuboring. Tasdiqlash 10 daqiqagacha davom etadi.",
        ['ilova'],
      ],
      [
        'SMS kod kelmayapti.',
        "Raqamingiz to'g'ri kiritilganini tekshiring va 2 daqiqadan so'ng qayta so'rang. Muammo davom etsa, operatorga ulaymiz.",
        ['ilova', 'sms'],
      ],
    ],
  },
  {
    name: "Pul o'tkazmalari",
    description: "Karta va hisob raqamlari orasidagi o'tkazmalar, xalqaro pul o'tkazmalari.",
    qas: [
      [
        "Kartadan kartaga o'tkazma komissiyasi qancha?",
        'Orzu Bank kartalari orasida bepul, boshqa bank kartalariga 0,5 foiz komissiya olinadi.',
        ["o'tkazma", 'komissiya'],
      ],
      [
        "Xalqaro pul o'tkazmasini qanday olaman?",
        'Western Union, Zolotaya Korona va Contact orqali kelgan pullarni istalgan filialda pasport bilan olishingiz mumkin.',
        ["o'tkazma", 'xalqaro'],
      ],
      [
        "O'tkazma qancha vaqtda tushadi?",
        "Bank ichidagi o'tkazmalar darhol, boshqa banklarga 1 daqiqadan 1 soatgacha tushadi.",
        ["o'tkazma"],
      ],
    ],
  },
  {
    name: 'Filiallar va ish vaqti',
    description: 'Filiallar manzillari, ish vaqti va navbat olish.',
    qas: [
      [
        'Filiallar soat nechada ishlaydi?',
        'Filiallar dushanbadan jumagacha 9:00 dan 18:00 gacha, shanba kuni 9:00 dan 14:00 gacha ishlaydi. Yakshanba dam olish kuni.',
        ['filial', 'ish vaqti'],
      ],
      [
        'Eng yaqin filial qayerda?',
        'Ilovadagi "Xarita" bo\'limida sizga eng yaqin filial va bankomatlarni ko\'rishingiz mumkin.',
        ['filial'],
      ],
      [
        "Filialga navbatni oldindan olsa bo'ladimi?",
        'Ha, ilovada "Elektron navbat" orqali kelish vaqtini tanlashingiz mumkin.',
        ['filial', 'navbat'],
      ],
    ],
  },
  {
    name: 'Qarzdorlik eslatmasi',
    description: "Muddati o'tgan to'lovlar haqida avtomatik eslatma qo'ng'iroqlari.",
    qas: [
      [
        "Nega menga qo'ng'iroq qilyapsiz?",
        "Sizning kredit bo'yicha to'lovingiz muddati o'tganini eslatish uchun qo'ng'iroq qilyapmiz. Iltimos, imkon qadar tezroq to'lov qiling.",
        ['eslatma'],
      ],
      [
        'Qarzim qancha?',
        'Qarzdorlik summasini ilovaning "Kreditlarim" bo\'limida yoki SMS xabarnomada ko\'rishingiz mumkin. Xavfsizlik uchun telefonda summani aytmaymiz.',
        ['eslatma', 'qarz'],
      ],
      [
        "To'lovni keyinroq qilsam bo'ladimi?",
        "To'lov muddatini uzaytirish uchun arizani ilova orqali yuborishingiz mumkin. Operator siz bilan bog'lanadi.",
        ['eslatma', 'muddat'],
      ],
    ],
  },
  {
    name: "Mijoz so'rovnomasi",
    description: "Xizmat sifati bo'yicha qisqa so'rovnoma qo'ng'iroqlari.",
    qas: [
      [
        "So'rovnoma qancha vaqt oladi?",
        "Atigi 2 daqiqa: xizmatimizni 1 dan 5 gacha baholashingizni so'raymiz.",
        ["so'rovnoma"],
      ],
      [
        'Javoblarim qayerda ishlatiladi?',
        'Javoblaringiz faqat xizmat sifatini yaxshilash uchun ishlatiladi va uchinchi shaxslarga berilmaydi.',
        ["so'rovnoma", 'maxfiylik'],
      ],
    ],
  },
];

/** Phrases the agent opens and closes calls with, by language. */
export const GREETINGS = {
  uz: "Assalomu alaykum! Sizga Orzu Bank sun'iy intellekt yordamchisi qo'ng'iroq qilyapti.",
  ru: 'Здравствуйте! Вам звонит виртуальный помощник Orzu Bank.',
} as const;

export const FAREWELLS = {
  uz: 'Murojaatingiz uchun rahmat! Yaxshi kun tilayman.',
  ru: 'Спасибо за обращение! Хорошего дня.',
} as const;

/** Names of the seeded audio files the agent plays. */
export const SEED_AUDIO = [
  ['kirish-salomlashuvi.wav', "Kirish salomlashuvi (o'zbek tilida)"],
  ['privetstvie-ru.wav', 'Приветствие на русском языке'],
  ['kredit-eslatma.wav', "Kredit to'lovi haqida eslatma"],
  ['sorovnoma-kirish.wav', "So'rovnoma boshlanishidagi xabar"],
  ['kutish-musiqasi.wav', 'Operatorga ulanishda kutish musiqasi'],
] as const;
