//! Name tables: common Afghan given and family names, each with its Perso-Arabic form and the
//! Latin spellings seen on real lists (first spelling = the canonical one used in the truth).
//! Entries are ordered roughly by frequency; the sampler favours the start of each table.

/// Which communities a name is common in (bit mask).
pub(crate) const P: u8 = 1; // Pashtun
pub(crate) const T: u8 = 2; // Tajik
pub(crate) const H: u8 = 4; // Hazara
pub(crate) const U: u8 = 8; // Uzbek
pub(crate) const ALL: u8 = P | T | H | U;

pub(crate) struct Tok {
    pub fa: &'static str,
    pub lat: &'static [&'static str],
    pub groups: u8,
}

const fn t(fa: &'static str, lat: &'static [&'static str], groups: u8) -> Tok {
    Tok { fa, lat, groups }
}

pub(crate) const MALE_SIMPLE: usize = 0;
pub(crate) const MALE_ULLAH: usize = 1;
pub(crate) const MALE_ABDUL: usize = 2;
pub(crate) const MALE_PREFIX: usize = 3;
pub(crate) const MALE_SUFFIX: usize = 4;
pub(crate) const FEMALE: usize = 5;
pub(crate) const FEMALE_PREFIX: usize = 6;
pub(crate) const FAMILY: usize = 7;

pub(crate) static TABLES: [&[Tok]; 8] = [
    SIMPLE_M,
    ULLAH_M,
    ABDUL_M,
    PREFIX_M,
    SUFFIX_M,
    FEMALE_NAMES,
    PREFIX_F,
    FAMILY_NAMES,
];

static SIMPLE_M: &[Tok] = &[
    t("احمد", &["Ahmad", "Ahmed", "Ahmet"], ALL),
    t("علی", &["Ali", "Aly", "Alee"], T | H | U),
    t(
        "حسین",
        &[
            "Hussain", "Hussein", "Husain", "Hosain", "Hossein", "Husayn",
        ],
        H | T,
    ),
    t(
        "یوسف",
        &["Yousuf", "Yusuf", "Yousef", "Yosuf", "Yousof", "Yousaf"],
        ALL,
    ),
    t("حسن", &["Hassan", "Hasan", "Hasson"], H | T | U),
    t(
        "قاسم",
        &["Qasim", "Kasim", "Qasem", "Ghasem", "Qaseem"],
        ALL,
    ),
    t("نبی", &["Nabi", "Nabee", "Naby"], ALL),
    t(
        "داود",
        &["Daud", "Dawood", "Dawud", "Daoud", "Dawod"],
        P | T,
    ),
    t(
        "ابراهیم",
        &["Ibrahim", "Ebrahim", "Ibraheem", "Ibrahem"],
        ALL,
    ),
    t(
        "اسماعیل",
        &["Ismail", "Esmail", "Ismael", "Ismaeel", "Esmaeel"],
        ALL,
    ),
    t("خالد", &["Khalid", "Khaled", "Khalad"], P | T),
    t("حمید", &["Hamid", "Hameed", "Hamed"], ALL),
    t("رحیم", &["Rahim", "Raheem", "Rahem"], ALL),
    t("کریم", &["Karim", "Kareem", "Qarim", "Kerim"], ALL),
    t("بشیر", &["Bashir", "Basheer", "Bashier"], P | T),
    t("ناصر", &["Nasir", "Naser", "Nasser", "Naseer"], P | T),
    t("فرید", &["Farid", "Fareed", "Fared"], T | P),
    t("جواد", &["Jawad", "Javad", "Jawaad"], H | T),
    t("عمر", &["Omar", "Umar", "Omer", "Umer"], P | T | U),
    t("محمود", &["Mahmood", "Mahmud", "Mahmoud", "Mehmood"], ALL),
    t(
        "مصطفی",
        &["Mustafa", "Mostafa", "Mustapha", "Mustafah"],
        ALL,
    ),
    t("ظاهر", &["Zahir", "Zaher", "Zaheer"], P | T),
    t("حکیم", &["Hakim", "Hakeem", "Hakem"], ALL),
    t("شریف", &["Sharif", "Shareef", "Sherif"], T | P),
    t("عزیز", &["Aziz", "Azeez", "Azis"], ALL),
    t("جمیل", &["Jamil", "Jameel", "Jamel"], T | P),
    t("حبیب", &["Habib", "Habeeb", "Habeb"], ALL),
    t("اسد", &["Asad", "Assad", "Asaad"], P | T),
    t("بریالی", &["Baryalai", "Baryalay", "Baryali"], P),
    t("زلمی", &["Zalmai", "Zalmay", "Zalmei"], P),
    t("واحد", &["Wahid", "Waheed", "Wahed", "Vahid"], ALL),
    t("حشمت", &["Hashmat", "Heshmat", "Hashmatt"], T | P),
    t("فواد", &["Fawad", "Fuad", "Fuwad", "Fowad"], T | P),
    t("میرویس", &["Mirwais", "Mir Wais", "Mirways", "Mirwaiz"], P),
    t("شفیق", &["Shafiq", "Shafeeq", "Shafik", "Shafeek"], T | P),
    t("رفیق", &["Rafiq", "Rafeeq", "Rafik"], T | P | U),
    t("طارق", &["Tariq", "Tarik", "Tareq", "Tareek"], P | T),
    t("مرتضی", &["Murtaza", "Mortaza", "Morteza", "Murtadha"], H),
    t("رضا", &["Reza", "Raza", "Riza"], H),
    t("مهدی", &["Mahdi", "Mehdi", "Mahdee"], H),
    t("جعفر", &["Jafar", "Jaafar", "Jafer", "Jaffar"], H),
    t("قربان", &["Qurban", "Ghurban", "Qorban", "Kurban"], H | U),
    t("سخی", &["Sakhi", "Sakhee", "Sakhy"], H | T),
    t("سرور", &["Sarwar", "Sarwer", "Sarvar"], T | P),
    t("اکبر", &["Akbar", "Akber", "Akbare"], H | T),
    t("انور", &["Anwar", "Anvar", "Anwer"], ALL),
    t("کبیر", &["Kabir", "Kabeer", "Kabier"], T | P),
    t("رشید", &["Rashid", "Rasheed", "Rashed"], U | T | P),
    t("بهادر", &["Bahadur", "Bahodir", "Bahadar"], U),
    t("حیدر", &["Haidar", "Haider", "Heydar", "Hayder"], H | T),
    t("رسول", &["Rasul", "Rasool", "Rasoul"], ALL),
    t("هاشم", &["Hashim", "Hashem", "Hasheem"], P | T),
    t("ولی", &["Wali", "Vali", "Walli"], ALL),
    t("فاروق", &["Farooq", "Faruq", "Farouk", "Farook"], P | T),
    t("شاکر", &["Shakir", "Shaker", "Shakeer"], T),
    t("نادر", &["Nadir", "Nader", "Nadeer"], T | U),
    t("صدیق", &["Siddiq", "Sediq", "Sadiq", "Siddique"], P | T),
    t("امین", &["Amin", "Ameen", "Amen"], ALL),
    t("جاوید", &["Javed", "Jawed", "Javid", "Jawid"], T | P),
    t("سلطان", &["Sultan", "Soltan", "Sultaan"], U | T),
];

static ULLAH_M: &[Tok] = &[
    t(
        "نجیب الله",
        &[
            "Najibullah",
            "Najib Ullah",
            "Najibulla",
            "Najeebullah",
            "Najib-ullah",
            "Najibollah",
        ],
        ALL,
    ),
    t(
        "ذبیح الله",
        &[
            "Zabihullah",
            "Zabiullah",
            "Zabih Ullah",
            "Zabihulla",
            "Zabeehullah",
        ],
        P | T,
    ),
    t(
        "حمیدالله",
        &["Hamidullah", "Hamid Ullah", "Hameedullah", "Hamidulla"],
        P | T,
    ),
    t(
        "رحمت الله",
        &["Rahmatullah", "Rahmat Ullah", "Rahmatulla", "Rahmatallah"],
        P | T,
    ),
    t(
        "احسان الله",
        &[
            "Ehsanullah",
            "Ihsanullah",
            "Ehsan Ullah",
            "Ahsanullah",
            "Ehsanulla",
        ],
        P | T,
    ),
    t(
        "حکمت الله",
        &["Hekmatullah", "Hikmatullah", "Hekmat Ullah", "Hekmatulla"],
        P | T,
    ),
    t(
        "فیض الله",
        &["Faizullah", "Faiz Ullah", "Faizulla", "Fayzullah"],
        P | T | U,
    ),
    t(
        "نعمت الله",
        &[
            "Nematullah",
            "Naimatullah",
            "Nemat Ullah",
            "Niamatullah",
            "Nematulla",
        ],
        P | T,
    ),
    t(
        "امین الله",
        &["Aminullah", "Amin Ullah", "Ameenullah", "Aminulla"],
        P | T,
    ),
    t(
        "سمیع الله",
        &["Samiullah", "Sami Ullah", "Sameeullah", "Samiulla"],
        P,
    ),
    t(
        "عنایت الله",
        &["Inayatullah", "Enayatullah", "Inayat Ullah", "Enayatulla"],
        P | T,
    ),
    t(
        "عصمت الله",
        &["Asmatullah", "Esmatullah", "Ismatullah", "Asmat Ullah"],
        P | T,
    ),
    t(
        "کلیم الله",
        &["Kalimullah", "Kaleemullah", "Kalim Ullah", "Qalimullah"],
        P,
    ),
    t(
        "ثناءالله",
        &["Sanaullah", "Sana Ullah", "Sanaulla", "Thanaullah"],
        P | T,
    ),
    t(
        "شفیع الله",
        &["Shafiullah", "Shafi Ullah", "Shafeeullah", "Shafiulla"],
        P,
    ),
    t(
        "روح الله",
        &["Ruhullah", "Rohullah", "Ruh Ullah", "Roohullah"],
        P | T,
    ),
];

static ABDUL_M: &[Tok] = &[
    t(
        "عبدالرحمن",
        &[
            "Abdul Rahman",
            "Abdulrahman",
            "Abd al-Rahman",
            "Abdurrahman",
            "Abdul Rehman",
            "Abdur Rahman",
        ],
        ALL,
    ),
    t(
        "عبدالله",
        &["Abdullah", "Abdulla", "Abdallah", "Abdollah"],
        ALL,
    ),
    t(
        "عبدالواحد",
        &[
            "Abdul Wahid",
            "Abdulwahid",
            "Abdul Waheed",
            "Abd al-Wahid",
            "Abdulwahed",
        ],
        ALL,
    ),
    t(
        "عبدالکریم",
        &["Abdul Karim", "Abdulkarim", "Abdul Kareem", "Abd al-Karim"],
        ALL,
    ),
    t(
        "عبدالقادر",
        &[
            "Abdul Qadir",
            "Abdulqadir",
            "Abdul Qader",
            "Abdul Kadir",
            "Abdul Ghader",
        ],
        ALL,
    ),
    t(
        "عبدالرحیم",
        &["Abdul Rahim", "Abdulrahim", "Abdul Raheem", "Abd al-Rahim"],
        ALL,
    ),
    t(
        "عبدالحمید",
        &["Abdul Hamid", "Abdulhamid", "Abdul Hameed", "Abd al-Hamid"],
        ALL,
    ),
    t(
        "عبدالغفور",
        &[
            "Abdul Ghafoor",
            "Abdulghafoor",
            "Abdul Ghafur",
            "Abdul Gafoor",
        ],
        P | T,
    ),
    t(
        "عبدالصمد",
        &["Abdul Samad", "Abdulsamad", "Abdul Samed", "Abd al-Samad"],
        P | T,
    ),
    t(
        "عبدالباری",
        &["Abdul Bari", "Abdulbari", "Abdul Baari", "Abd al-Bari"],
        P | T,
    ),
    t(
        "عبدالجبار",
        &["Abdul Jabbar", "Abduljabar", "Abdul Jabar", "Abd al-Jabbar"],
        P | T,
    ),
    t(
        "عبدالغنی",
        &["Abdul Ghani", "Abdulghani", "Abdul Gani", "Abd al-Ghani"],
        P | T | U,
    ),
    t(
        "عبدالمالک",
        &["Abdul Malik", "Abdulmalik", "Abdul Malek", "Abd al-Malik"],
        P | T,
    ),
    t(
        "عبدالحق",
        &["Abdul Haq", "Abdulhaq", "Abdul Hak", "Abd al-Haqq"],
        P | T,
    ),
    t(
        "عبدالستار",
        &[
            "Abdul Sattar",
            "Abdulsattar",
            "Abdul Satar",
            "Abd al-Sattar",
        ],
        P | T,
    ),
];

static PREFIX_M: &[Tok] = &[
    t(
        "محمد",
        &[
            "Mohammad", "Muhammad", "Mohammed", "Mohamad", "Mohd", "Muhammed", "Mohamed",
        ],
        ALL,
    ),
    t("غلام", &["Ghulam", "Gholam", "Golam", "Gulam"], T | H | P),
    t(
        "سید",
        &["Sayed", "Syed", "Sayyid", "Sayyed", "Seyed"],
        T | H,
    ),
    t("نور", &["Noor", "Nur", "Nour"], ALL),
    t("گل", &["Gul", "Gol", "Gull"], P | T),
    t("میر", &["Mir", "Meer", "Mier"], T | P),
    t("شیر", &["Sher", "Shir", "Sheer"], P | T),
    t("دوست", &["Dost", "Dust", "Doust"], T | P | U),
];

static SUFFIX_M: &[Tok] = &[
    t("خان", &["Khan", "Kahn", "Khaan"], P),
    t("جان", &["Jan", "Jaan", "Jahn"], P | T),
    t("شاه", &["Shah", "Sha", "Shaah"], ALL),
    t("گل", &["Gul", "Gol", "Gull"], P),
];

static FEMALE_NAMES: &[Tok] = &[
    t(
        "فاطمه",
        &["Fatima", "Fatema", "Fatimah", "Fatimeh", "Fatma"],
        ALL,
    ),
    t("مریم", &["Maryam", "Mariam", "Mariyam", "Maryem"], ALL),
    t("زینب", &["Zainab", "Zaynab", "Zeinab", "Zaineb"], ALL),
    t(
        "خدیجه",
        &["Khadija", "Khadijah", "Khadeja", "Khadijeh"],
        ALL,
    ),
    t("عایشه", &["Aisha", "Ayesha", "Aysha", "Aishah"], P | T | U),
    t("زهرا", &["Zahra", "Zehra", "Zahraa"], H | T),
    t(
        "معصومه",
        &["Masooma", "Masuma", "Masoomeh", "Masoumeh"],
        H | T,
    ),
    t("سکینه", &["Sakina", "Sakineh", "Sakeena"], H),
    t("شبنم", &["Shabnam", "Shabnum", "Shabanam"], T | P),
    t("نسیمه", &["Nasima", "Naseema", "Nasimeh"], T | P),
    t("فرزانه", &["Farzana", "Farzaneh", "Farzanah"], T | H),
    t("پروانه", &["Parwana", "Parvana", "Parvaneh", "Parwanah"], T),
    t("ملالی", &["Malalai", "Malalay", "Malaly"], P),
    t("گلالی", &["Gulalai", "Gulalay", "Gulali"], P),
    t("رویا", &["Roya", "Rooya", "Ruya"], T | H),
    t("نرگس", &["Nargis", "Narges", "Nergis"], T | U),
    t("لیلا", &["Laila", "Leila", "Layla", "Lyla"], ALL),
    t("سیما", &["Sima", "Seema", "Simaa"], T),
    t(
        "فرشته",
        &["Freshta", "Fereshta", "Fereshteh", "Freshteh"],
        T | P,
    ),
    t("مرسل", &["Mursal", "Morsal", "Mursaal"], P | T),
    t(
        "نیلوفر",
        &["Nilofar", "Nilufar", "Nelofar", "Niloufar"],
        T | U,
    ),
    t("مینا", &["Mina", "Meena", "Minaa"], ALL),
    t("رحیمه", &["Rahima", "Raheema", "Rahimeh"], T | P),
    t("حمیده", &["Hamida", "Hameeda", "Hamideh"], T | P),
    t(
        "شکریه",
        &["Shukria", "Shukriya", "Shokria", "Shukriah"],
        T | P,
    ),
    t("نادیه", &["Nadia", "Nadiya", "Nadiah"], T),
    t("سمیرا", &["Samira", "Sameera", "Samirah"], T),
    t("زرغونه", &["Zarghona", "Zarghuna", "Zarghoona"], P),
    t("وژمه", &["Wajma", "Wazhma", "Wajmah", "Vajma"], P),
    t("زحل", &["Zuhal", "Zohal", "Zohhal"], T | P),
    t("تهمینه", &["Tahmina", "Tahmeena", "Tahmineh"], T),
    t("شکیلا", &["Shakila", "Shakeela", "Shakilah"], T | P),
    t("مرضیه", &["Marzia", "Marziya", "Marzieh", "Marziyeh"], H),
    t("حلیمه", &["Halima", "Haleema", "Halimeh"], ALL),
    t("ثریا", &["Soraya", "Suraya", "Thuraya", "Sorayya"], T),
    t("هما", &["Homa", "Huma", "Houma"], T),
    t("نازیه", &["Nazia", "Naziya", "Naziah"], T | P),
    t("حسینه", &["Hasina", "Haseena", "Hasinah"], T | P),
    t("نوریه", &["Nooria", "Nuria", "Nooriya", "Nouria"], T | P),
    t("لطیفه", &["Latifa", "Lateefa", "Latifeh"], ALL),
    t("شیرین", &["Shirin", "Shireen", "Sherin"], T | U),
    t("گلنار", &["Gulnar", "Golnar", "Gulnaar"], U | T),
];

static PREFIX_F: &[Tok] = &[
    t("بی بی", &["Bibi", "Bebe", "Bi Bi"], P | T | H),
    t("گل", &["Gul", "Gol", "Gull"], P | T),
];

static FAMILY_NAMES: &[Tok] = &[
    t(
        "احمدزی",
        &["Ahmadzai", "Ahmadzay", "Ahmad Zai", "Ahmadzei", "Ahmedzai"],
        P,
    ),
    t(
        "احمدی",
        &["Ahmadi", "Ahmady", "Ahmedi", "Ahmadee"],
        T | H | U,
    ),
    t(
        "محمدی",
        &["Mohammadi", "Muhammadi", "Mohammady", "Mohamadi"],
        T | H,
    ),
    t("رحیمی", &["Rahimi", "Raheemi", "Rahimy"], T),
    t("حسینی", &["Hussaini", "Hosseini", "Husaini", "Hussainy"], H),
    t(
        "پوپلزی",
        &["Popalzai", "Popalzay", "Popal Zai", "Popolzai"],
        P,
    ),
    t(
        "بارکزی",
        &["Barakzai", "Barakzay", "Barak Zai", "Barekzai"],
        P,
    ),
    t("کریمی", &["Karimi", "Kareemi", "Karimy"], T),
    t("هاشمی", &["Hashimi", "Hashemi", "Hashimy"], T | H),
    t(
        "الکوزی",
        &["Alokozai", "Alkozai", "Alikozai", "Alokozay"],
        P,
    ),
    t(
        "محمدزی",
        &["Mohammadzai", "Muhammadzai", "Mohammadzay", "Mohammad Zai"],
        P,
    ),
    t(
        "یوسفزی",
        &["Yousufzai", "Yusufzai", "Yousafzai", "Yousufzay"],
        P,
    ),
    t("نورزی", &["Noorzai", "Nurzai", "Noorzay", "Noor Zai"], P),
    t(
        "رضایی",
        &["Rezaie", "Rezaei", "Rezai", "Rezaee", "Rezayee"],
        H,
    ),
    t("جعفری", &["Jafari", "Jaafari", "Jafary"], H),
    t("سلطانی", &["Sultani", "Soltani", "Sultany"], T | H),
    t("اچکزی", &["Achakzai", "Achekzai", "Achakzay"], P),
    t("استانکزی", &["Stanikzai", "Stanekzai", "Stanakzai"], P),
    t(
        "سلیمانخیل",
        &[
            "Sulaimankhil",
            "Sulaiman Khil",
            "Sulemankhel",
            "Suleimankhil",
        ],
        P,
    ),
    t(
        "جبارخیل",
        &["Jabarkhel", "Jabarkhil", "Jabbar Khel", "Jabarkhail"],
        P,
    ),
    t(
        "تره خیل",
        &["Tarakhil", "Tarakhel", "Tara Khil", "Tarakhail"],
        P,
    ),
    t("وردک", &["Wardak", "Wardag", "Wardaq"], P),
    t("صافی", &["Safi", "Saafi", "Safee"], P),
    t("شینواری", &["Shinwari", "Shinwary", "Shenwari"], P),
    t("مومند", &["Mohmand", "Momand", "Mohmmand"], P),
    t("کاکړ", &["Kakar", "Kakkar", "Kakr"], P),
    t("منگل", &["Mangal", "Mangel", "Mangaal"], P),
    t("سادات", &["Sadat", "Saadat", "Sadaat"], T | H),
    t("نظری", &["Nazari", "Nazary", "Nazeri"], T | H),
    t("عظیمی", &["Azimi", "Azeemi", "Azimy"], T),
    t("حیدری", &["Haidari", "Heydari", "Haidary", "Haideri"], H),
    t("نوری", &["Noori", "Nuri", "Nouri"], T | P),
    t("امیری", &["Amiri", "Ameeri", "Amiry"], T | H),
    t("شریفی", &["Sharifi", "Shareefi", "Sharify"], T),
    t("حکیمی", &["Hakimi", "Hakeemi", "Hakimy"], T),
    t("حبیبی", &["Habibi", "Habeebi", "Habiby"], T | P),
    t("قادری", &["Qaderi", "Qadiri", "Kaderi", "Ghaderi"], T),
    t("فیضی", &["Faizi", "Faizy", "Fayzi"], T | P),
    t("صمدی", &["Samadi", "Samady", "Samadee"], T),
    t(
        "یعقوبی",
        &["Yaqubi", "Yaqoobi", "Yakubi", "Yaghoubi"],
        T | H,
    ),
    t("اکبری", &["Akbari", "Akbary", "Akbarie"], H),
    t("چنگیزی", &["Changezi", "Changizi", "Changazi"], H),
    t("ترکمنی", &["Turkmani", "Torkmani", "Turkmany"], U),
    t("فاریابی", &["Faryabi", "Fariabi", "Faryaby"], U),
    t("جوزجانی", &["Jawzjani", "Jowzjani", "Jauzjani"], U),
    t("بلخی", &["Balkhi", "Balkhy", "Balkhee"], U | T),
    t("اندخویی", &["Andkhoyi", "Andkhoi", "Andkhuyi"], U),
];

/// Provinces with the spellings lists use (first = canonical) and a weight.
pub(crate) static PROVINCES: &[(&str, &[&str], u32)] = &[
    ("Kabul", &["Kabul", "Kabol", "KBL", "Kabul province"], 40),
    ("Kandahar", &["Kandahar", "Qandahar", "Kandhar"], 9),
    ("Herat", &["Herat", "Hirat", "Herat province"], 9),
    (
        "Balkh",
        &["Balkh", "Mazar-i-Sharif", "Mazar", "Mazar-e-Sharif"],
        8,
    ),
    (
        "Nangarhar",
        &["Nangarhar", "Jalalabad", "Ningarhar", "Nangahar"],
        8,
    ),
    ("Kunduz", &["Kunduz", "Kondoz", "Qunduz"], 5),
    ("Ghazni", &["Ghazni", "Ghazny", "Ghazni province"], 4),
    ("Helmand", &["Helmand", "Hilmand", "Lashkar Gah"], 4),
    ("Bamyan", &["Bamyan", "Bamiyan", "Bamian"], 3),
    ("Parwan", &["Parwan", "Parvan", "Charikar"], 3),
    ("Logar", &["Logar", "Lowgar"], 2),
    ("Paktia", &["Paktia", "Paktiya", "Gardez"], 2),
    ("Khost", &["Khost", "Khowst", "Khost province"], 2),
    ("Laghman", &["Laghman", "Lagman"], 2),
    ("Faryab", &["Faryab", "Fariab", "Maimana"], 2),
    ("Jawzjan", &["Jawzjan", "Jowzjan", "Sheberghan"], 2),
    ("Daykundi", &["Daykundi", "Daikundi", "Daikondi"], 2),
    ("Wardak", &["Wardak", "Maidan Wardak", "Wardag"], 2),
    (
        "Badakhshan",
        &["Badakhshan", "Badakhshan province", "Faizabad"],
        2,
    ),
    ("Takhar", &["Takhar", "Taloqan"], 2),
    ("Baghlan", &["Baghlan", "Pul-e-Khumri"], 2),
    ("Kapisa", &["Kapisa", "Kapisa province"], 1),
    ("Panjshir", &["Panjshir", "Panjsher", "Panjshir valley"], 1),
    ("Zabul", &["Zabul", "Zabol", "Qalat"], 1),
    ("Uruzgan", &["Uruzgan", "Oruzgan", "Tarin Kot"], 1),
];

/// Kabul districts and streets for synthetic addresses.
pub(crate) static KABUL_AREAS: &[&str] = &[
    "Karte Char",
    "Karte Se",
    "Khair Khana",
    "Macroyan",
    "Dasht-e-Barchi",
    "Shahr-e-Naw",
    "Wazir Akbar Khan",
    "Kart-e-Naw",
    "Taimani",
    "Qala-e-Fatullah",
    "Deh Mazang",
    "Kote Sangi",
    "Pul-e-Surkh",
    "Afshar",
    "Shahrak-e-Omid-e-Sabz",
    "Bagrami",
    "Char Qala",
    "Qargha Road",
];

/// Western names for synthetic sponsors and offices.
pub(crate) static WEST_GIVEN: &[&str] = &[
    "James",
    "Sarah",
    "Michael",
    "Jennifer",
    "David",
    "Emily",
    "Robert",
    "Laura",
    "Daniel",
    "Rachel",
    "Thomas",
    "Megan",
    "Kevin",
    "Amanda",
    "Brian",
    "Katherine",
    "Jason",
    "Heather",
    "Matthew",
    "Nicole",
    "Andrew",
    "Julia",
    "Christopher",
    "Erin",
    "Patrick",
    "Susan",
    "Eric",
    "Hannah",
    "Steven",
    "Allison",
];
pub(crate) static WEST_FAMILY: &[&str] = &[
    "Miller", "Johnson", "Carter", "Nguyen", "Walsh", "Peterson", "Brooks", "Hughes", "Reyes",
    "Foster", "Sullivan", "Bennett", "Coleman", "Hayes", "Murphy", "Price", "Russell", "Simmons",
    "Wagner", "Porter", "Howard", "Fischer", "Ortiz", "Graham", "Dunn", "Kelly", "Harper",
    "Lawson", "Warren", "Bishop",
];
pub(crate) static US_STATES: &[&str] = &[
    "OH", "TX", "CA", "VA", "NY", "WA", "FL", "PA", "MI", "GA", "NC", "CO", "AZ", "MN", "MD", "IL",
];
