"""Vocabulary and sentence banks for the benchmark's synthetic reports in English, French and Spanish.

The benchmark writes WTO-like reports on technical and financial cooperation under Article 67 of the
TRIPS Agreement from these tables. All wording is original, written for this project; the French and
Spanish are meant to read as the WTO's own French and Spanish documents do. The vocabulary tables are
parallel: index ``i`` is the same concept in each language. :data:`SENTENCES` are ``str.format``
templates with the slots ``{member}`` (the reporting Member, inflected for the language: "Japan", "le
Japon", "el Japón"; the subject of a singular verb, first in the sentence or after an opening phrase,
or the agent after "by"/"par"/"por"; nothing agrees with it), ``{subject}``, ``{country}``, ``{activity}``,
``{partner}`` (entries of the tables below) and ``{year}``. Each template has a subject, a country or an
activity. As their values vary in gender and first letter, no article, elided "de" or agreeing word
touches them: French quotes a subject after a fixed noun (le thème « ... »), puts an activity after
"de type" or "chaque" and a country in parentheses or after a colon; Spanish says "en materia de" or
"sobre", "en la modalidad de" or "cada"; English never puts "a" or "an" right before an activity.
French partners all begin with "l'" or "la", Spanish ones with "la".
"""

from __future__ import annotations

LANGUAGES: tuple[str, ...] = ("en", "fr", "es")

#: The report's title, as on the cover of the document.
TITLES: dict[str, str] = {
    "en": "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS",
    "fr": "ACTIVITÉS DE COOPÉRATION TECHNIQUE: RENSEIGNEMENTS COMMUNIQUÉS PAR LES MEMBRES",
    "es": "ACTIVIDADES DE COOPERACIÓN TÉCNICA: INFORMACIÓN PROPORCIONADA POR LOS MIEMBROS",
}

# fmt: off
#: Subject areas of TRIPS technical cooperation, lower case, in each language's own terms.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "en": ("geographical indications", "plant variety protection", "border enforcement",
        "public health and access to medicines", "patent examination", "copyright and related rights",
        "collective management of copyright", "trademarks", "industrial designs",
        "traditional knowledge and genetic resources", "technology transfer",
        "small and medium-sized enterprises", "enforcement of intellectual property rights",
        "electronic commerce", "pharmaceutical patents", "competition policy",
        "layout-designs of integrated circuits", "protection of undisclosed information"),
    "fr": ("indications géographiques", "protection des obtentions végétales", "mesures à la frontière",
        "santé publique et accès aux médicaments", "examen des demandes de brevet",
        "droit d'auteur et droits connexes", "gestion collective du droit d'auteur", "marques",
        "dessins et modèles industriels", "savoirs traditionnels et ressources génétiques",
        "transfert de technologie", "petites et moyennes entreprises",
        "moyens de faire respecter les droits de propriété intellectuelle", "commerce électronique",
        "brevets pharmaceutiques", "politique de la concurrence",
        "schémas de configuration de circuits intégrés", "protection des renseignements non divulgués"),
    "es": ("indicaciones geográficas", "protección de las obtenciones vegetales", "medidas en frontera",
        "salud pública y acceso a los medicamentos", "examen de solicitudes de patente",
        "derecho de autor y derechos conexos", "gestión colectiva del derecho de autor", "marcas",
        "dibujos y modelos industriales", "conocimientos tradicionales y recursos genéticos",
        "transferencia de tecnología", "pequeñas y medianas empresas",
        "observancia de los derechos de propiedad intelectual", "comercio electrónico",
        "patentes farmacéuticas", "política de competencia", "esquemas de trazado de circuitos integrados",
        "protección de la información no divulgada"),
}

#: Beneficiary developing and least-developed countries, by their short names.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "en": ("Lesotho", "Malawi", "Zambia", "Côte d'Ivoire", "Lao People's Democratic Republic", "Kenya",
        "Uganda", "Rwanda", "United Republic of Tanzania", "Ghana", "Nigeria", "Senegal", "Benin",
        "Burkina Faso", "Mali", "Niger", "Mozambique", "Madagascar", "Namibia", "Botswana", "Zimbabwe",
        "Ethiopia", "Cameroon", "Togo", "Cambodia", "Nepal", "Bangladesh", "Myanmar", "Viet Nam", "Indonesia",
        "Philippines", "Sri Lanka", "Mongolia", "Plurinational State of Bolivia", "Guatemala", "Honduras",
        "Nicaragua", "Haiti", "Jamaica", "Dominican Republic", "Peru", "Ecuador", "Egypt", "Tunisia",
        "Morocco", "Pakistan", "Papua New Guinea", "Fiji"),
    "fr": ("Lesotho", "Malawi", "Zambie", "Côte d'Ivoire", "République démocratique populaire lao", "Kenya",
        "Ouganda", "Rwanda", "République-Unie de Tanzanie", "Ghana", "Nigéria", "Sénégal", "Bénin",
        "Burkina Faso", "Mali", "Niger", "Mozambique", "Madagascar", "Namibie", "Botswana", "Zimbabwe",
        "Éthiopie", "Cameroun", "Togo", "Cambodge", "Népal", "Bangladesh", "Myanmar", "Viet Nam", "Indonésie",
        "Philippines", "Sri Lanka", "Mongolie", "État plurinational de Bolivie", "Guatemala", "Honduras",
        "Nicaragua", "Haïti", "Jamaïque", "République dominicaine", "Pérou", "Équateur", "Égypte", "Tunisie",
        "Maroc", "Pakistan", "Papouasie-Nouvelle-Guinée", "Fidji"),
    "es": ("Lesotho", "Malawi", "Zambia", "Côte d'Ivoire", "República Democrática Popular Lao", "Kenya",
        "Uganda", "Rwanda", "República Unida de Tanzanía", "Ghana", "Nigeria", "Senegal", "Benin",
        "Burkina Faso", "Malí", "Níger", "Mozambique", "Madagascar", "Namibia", "Botswana", "Zimbabwe",
        "Etiopía", "Camerún", "Togo", "Camboya", "Nepal", "Bangladesh", "Myanmar", "Viet Nam", "Indonesia",
        "Filipinas", "Sri Lanka", "Mongolia", "Estado Plurinacional de Bolivia", "Guatemala", "Honduras",
        "Nicaragua", "Haití", "Jamaica", "República Dominicana", "Perú", "Ecuador", "Egipto", "Túnez",
        "Marruecos", "Pakistán", "Papua Nueva Guinea", "Fiji"),
}

#: Kinds of activity, lower case and singular.
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "en": ("seminar", "workshop", "training course", "study visit", "expert mission", "advisory mission",
        "conference", "round table", "symposium", "distance learning course", "needs assessment mission",
        "summer school"),
    "fr": ("séminaire", "atelier", "cours de formation", "voyage d'étude", "mission d'experts",
        "mission consultative", "conférence", "table ronde", "colloque", "cours d'enseignement à distance",
        "mission d'évaluation des besoins", "université d'été"),
    "es": ("seminario", "taller", "curso de formación", "visita de estudio", "misión de expertos",
        "misión de asesoramiento", "conferencia", "mesa redonda", "simposio",
        "curso de enseñanza a distancia", "misión de evaluación de necesidades", "curso de verano"),
}

#: Partner organizations, as written in running text (with their article in French and Spanish).
PARTNERS: dict[str, tuple[str, ...]] = {
    "en": ("WIPO", "UNCTAD", "WHO", "UPOV", "the World Customs Organization", "the European Patent Office",
        "ARIPO", "OAPI"),
    "fr": ("l'OMPI", "la CNUCED", "l'OMS", "l'UPOV", "l'Organisation mondiale des douanes",
        "l'Office européen des brevets", "l'ARIPO", "l'OAPI"),
    "es": ("la OMPI", "la UNCTAD", "la OMS", "la UPOV", "la Organización Mundial de Aduanas",
        "la Oficina Europea de Patentes", "la ARIPO", "la OAPI"),
}

#: A report's section headings, in order.
HEADINGS: dict[str, tuple[str, ...]] = {
    "en": ("INTRODUCTION", "OVERVIEW OF ACTIVITIES", "ACTIVITIES BY REGION",
        "COOPERATION WITH OTHER ORGANIZATIONS", "CONCLUSIONS"),
    "fr": ("INTRODUCTION", "APERÇU DES ACTIVITÉS", "ACTIVITÉS PAR RÉGION",
        "COOPÉRATION AVEC D'AUTRES ORGANISATIONS", "CONCLUSIONS"),
    "es": ("INTRODUCCIÓN", "PANORAMA GENERAL DE LAS ACTIVIDADES", "ACTIVIDADES POR REGIÓN",
        "COOPERACIÓN CON OTRAS ORGANIZACIONES", "CONCLUSIONES"),
}

#: Sentence templates in the register of a Member's report to the TRIPS Council under Article 67;
#: the slots are described in the module's docstring.
SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        ("{member} continued to give high priority to technical cooperation in the field of {subject}, in "
         "keeping with its obligations under Article 67 of the TRIPS Agreement."),
        ("In {year}, {member} organized a national {activity} on {subject} for officials of the "
         "intellectual property office (beneficiary country: {country})."),
        ("Each {activity} brought together some thirty participants from customs, the police and the "
         "judiciary, and addressed the practical aspects of {subject}."),
        ("{member} financed a regional seminar on {subject}, held in cooperation with {partner} and "
         "attended by representatives of twelve developing countries."),
        "The programme's main aim was to strengthen national capacity in {subject}.",
        ("A two-week training course on the enforcement of patents and trademarks was offered to judges "
         "and prosecutors (beneficiary country: {country})."),
        "Cooperation on {subject} will remain a priority of the programme in {year}.",
        ("{member} provided legislative assistance on {subject}, including comments on draft laws and "
         "regulations submitted by the authorities of the beneficiary country ({country})."),
        ("Participants in the {activity} reviewed recent developments in {subject} and exchanged "
         "experience on the administration of intellectual property systems."),
        ("The {activity} was organized at the request of the national authorities (beneficiary country: "
         "{country}), who regard cooperation on {subject} as a priority."),
        ("Technical cooperation on {subject} remained demand-driven and was designed in close consultation "
         "with the beneficiary country ({country})."),
        ("{member} also granted fellowships enabling officials from the beneficiary country ({country}) to "
         "take part in a specialized {activity} on {subject}."),
        "Seminar materials on {subject} were translated into the national language.",
        ("A specialized {activity} on {subject} was held in {year} for examiners, with practical exercises "
         "based on real applications."),
        ("{member} considers that sustained training in {subject}, for officials, judges and the private "
         "sector alike, is essential if developing countries are to make full and effective use of the "
         "flexibilities of the TRIPS Agreement."),
        ("Customs officers from the beneficiary country ({country}) trained under the programme reported a "
         "marked improvement in their ability to detect counterfeit goods at the border."),
        "Each {activity} also addressed the links between {subject} and public policy.",
        ("{member} contributed to the work of {partner} on {subject} through voluntary contributions to "
         "trust funds and the secondment of experts."),
        ("In {year}, cooperation activities on {subject} were extended to further least-developed "
         "countries, beginning with the following country: {country}."),
        ("An evaluation of the {activity} held in {year} showed a high level of satisfaction among "
         "participants and confirmed the relevance of the topics covered."),
        "{member} will continue to respond to requests for cooperation on {subject}.",
        "The {activity} was attended by some forty officials and private-sector representatives.",
        ("Women entrepreneurs and young researchers were particularly encouraged to take part in the "
         "{activity}, which was open to participants from the whole region."),
        ("The programme of each {activity} combined lectures, case studies and visits to the intellectual "
         "property office, the courts and customs posts."),
        ("Through its development agency, {member} financed a study on {subject} and its economic impact "
         "in the region, carried out jointly with {partner}."),
        "Experts seconded by {member} helped to draft guidelines on {subject}.",
        ("The programme for {year} includes a follow-up {activity}, to be organized in cooperation with "
         "{partner} in order to consolidate the results achieved."),
        ("Participants stressed the importance of cooperation between intellectual property offices, "
         "customs and the police, particularly with regard to {subject}."),
        "{member} published a practical guide on {subject} for entrepreneurs and researchers.",
        ("The study visit enabled senior officials from the beneficiary country ({country}) to observe at "
         "first hand how patents are granted and trademarks registered."),
        ("On {subject}, the emphasis was placed on sharing good practices and on preparing training "
         "materials adapted to local needs."),
        ("The {activity} held in {year} was the third in a series on {subject} and benefited from the "
         "participation of {partner}."),
        ("{member} also supplied equipment and software to support the automation of procedures relating "
         "to {subject} (beneficiary country: {country})."),
        ("Trainers from the beneficiary country ({country}) were themselves trained so that the {activity} "
         "could later be repeated at national level."),
        ("In its bilateral cooperation, {member} has sought to integrate work on {subject} into wider "
         "development strategies, particularly in agriculture and health."),
        "The results of each {activity} were reported to the TRIPS Council.",
        "Demand for training in {subject} continued to grow during {year}.",
        "The national intellectual property strategy now contains a chapter on {subject}.",
        ("A joint {activity} with {partner} examined the links between work on {subject} and the "
         "Sustainable Development Goals."),
        ("{member} will continue to assist the beneficiary country ({country}) in implementing the "
         "recommendations adopted at the close of the {activity}."),
        ("The training programme on {subject}, launched in {year}, has so far benefited more than four "
         "hundred officials from developing countries."),
        ("Expert missions assessed needs in {subject} and identified priorities for future technical and "
         "financial cooperation (beneficiary country: {country})."),
        "{member} coordinates its work on {subject} closely with {partner} so as to avoid duplication.",
        "Particular attention was paid to least-developed country Members in all work on {subject}.",
        "The beneficiary country ({country}) intends to host a regional {activity} in {year}.",
        "This report covers the activities on {subject} carried out by {member} in {year}.",
    ),
    "fr": (
        ("{member} a continué d'accorder une grande priorité à la coopération technique, notamment pour le "
         "volet « {subject} », conformément aux obligations qui lui incombent en vertu de l'article 67 de "
         "l'Accord sur les ADPIC."),
        ("En {year}, {member} a organisé une activité nationale de type {activity} sur le thème « "
         "{subject} » à l'intention des fonctionnaires de l'office de la propriété intellectuelle (pays "
         "bénéficiaire : {country})."),
        ("Chaque {activity} a réuni une trentaine de participants issus des douanes, de la police et de la "
         "magistrature, et a permis d'examiner les aspects pratiques du volet « {subject} »."),
        ("{member} a financé un séminaire régional sur le thème « {subject} », organisé en coopération "
         "avec {partner}, auquel ont assisté des représentants de douze pays en développement."),
        "Le programme visait avant tout à renforcer les capacités nationales pour le volet « {subject} ».",
        ("Un cours de formation de deux semaines sur les moyens de faire respecter les droits attachés aux "
         "brevets et aux marques a été proposé aux juges et aux procureurs (pays bénéficiaire : "
         "{country})."),
        "La coopération relative au volet « {subject} » restera une priorité du programme en {year}.",
        ("{member} a fourni une assistance législative sur le thème « {subject} », notamment des "
         "observations sur des projets de loi et de règlement soumis par les autorités du pays "
         "bénéficiaire ({country})."),
        ("Les participants à l'activité de type {activity} ont fait le point sur l'évolution récente du "
         "domaine « {subject} » et ont échangé leurs expériences en matière d'administration des systèmes "
         "de propriété intellectuelle."),
        ("L'activité de type {activity} a été organisée à la demande des autorités nationales (pays "
         "bénéficiaire : {country}), qui considèrent le volet « {subject} » comme prioritaire."),
        ("La coopération technique relative au volet « {subject} » est restée axée sur la demande et a été "
         "conçue en étroite concertation avec le pays bénéficiaire ({country})."),
        ("{member} a également octroyé des bourses permettant à des fonctionnaires du pays bénéficiaire "
         "({country}) de participer à une activité spécialisée de type {activity} sur le thème « {subject} "
         "»."),
        "Les supports du séminaire sur le thème « {subject} » ont été traduits dans la langue nationale.",
        ("Une activité spécialisée de type {activity} sur le thème « {subject} » a été organisée en {year} "
         "à l'intention des examinateurs, avec des exercices pratiques fondés sur des demandes réelles."),
        ("{member} estime qu'une formation suivie dans le domaine « {subject} », destinée aux "
         "fonctionnaires, aux juges et au secteur privé, est indispensable pour que les pays en "
         "développement puissent tirer pleinement parti des flexibilités de l'Accord sur les ADPIC."),
        ("Les agents des douanes du pays bénéficiaire ({country}) formés dans le cadre du programme ont "
         "fait état d'une nette amélioration de leur capacité à détecter les marchandises de contrefaçon à "
         "la frontière."),
        ("Chaque {activity} a aussi porté sur les liens entre le thème « {subject} » et les politiques "
         "publiques."),
        ("{member} a contribué aux travaux de {partner} sur le thème « {subject} » au moyen de "
         "contributions volontaires à des fonds d'affectation spéciale et de la mise à disposition "
         "d'experts."),
        ("En {year}, les activités de coopération relatives au thème « {subject} » ont été étendues à "
         "d'autres pays les moins avancés, à commencer par le pays suivant : {country}."),
        ("L'évaluation de l'activité de type {activity} tenue en {year} a fait apparaître un taux de "
         "satisfaction élevé parmi les participants et a confirmé la pertinence des thèmes abordés."),
        "{member} continuera de donner suite aux demandes de coopération sur le thème « {subject} ».",
        ("Une quarantaine de fonctionnaires et de représentants du secteur privé ont participé à chaque "
         "{activity}."),
        ("Les femmes entrepreneurs et les jeunes chercheurs ont été particulièrement encouragés à "
         "participer à l'activité de type {activity}, qui était ouverte aux participants de toute la "
         "région."),
        ("Le programme de chaque {activity} associait exposés, études de cas et visites à l'office de la "
         "propriété intellectuelle, aux tribunaux et aux postes de douane."),
        ("Par l'intermédiaire de son agence de développement, {member} a financé une étude sur le thème « "
         "{subject} » et son incidence économique dans la région, réalisée conjointement avec {partner}."),
        ("Des experts détachés par {member} ont aidé à rédiger des lignes directrices sur le thème « "
         "{subject} »."),
        ("Le programme pour {year} prévoit une activité de suivi de type {activity}, qui sera organisée en "
         "coopération avec {partner} afin de consolider les résultats obtenus."),
        ("Les participants ont souligné l'importance de la coopération entre les offices de propriété "
         "intellectuelle, les douanes et la police, en particulier pour le volet « {subject} »."),
        "{member} a publié un guide pratique sur le thème « {subject} » à l'intention des entrepreneurs.",
        ("Le voyage d'étude a permis à de hauts fonctionnaires du pays bénéficiaire ({country}) d'observer "
         "directement la manière dont les brevets sont délivrés et les marques enregistrées."),
        ("S'agissant du volet « {subject} », l'accent a été mis sur l'échange de bonnes pratiques et sur "
         "l'élaboration de supports de formation adaptés aux besoins locaux."),
        ("L'activité de type {activity} tenue en {year} était la troisième d'une série consacrée au thème "
         "« {subject} » et a bénéficié de la participation de {partner}."),
        ("{member} a également fourni du matériel et des logiciels pour appuyer l'automatisation des "
         "procédures relatives au volet « {subject} » (pays bénéficiaire : {country})."),
        ("Des formateurs du pays bénéficiaire ({country}) ont eux-mêmes été formés afin que l'activité de "
         "type {activity} puisse ensuite être reproduite à l'échelon national."),
        ("Dans le cadre de sa coopération bilatérale, {member} a cherché à intégrer le volet « {subject} » "
         "dans des stratégies de développement plus larges, en particulier dans l'agriculture et la santé."),
        "Les résultats de chaque {activity} ont été communiqués au Conseil des ADPIC.",
        "La demande de formation sur le thème « {subject} » a continué de croître en {year}.",
        "La stratégie nationale de propriété intellectuelle comprend désormais un volet « {subject} ».",
        ("Une activité conjointe de type {activity}, menée avec {partner}, a porté sur les liens entre le "
         "thème « {subject} » et les objectifs de développement durable."),
        ("{member} continuera d'aider le pays bénéficiaire ({country}) à mettre en œuvre les "
         "recommandations adoptées à l'issue de l'activité de type {activity}."),
        ("Le programme de formation sur le thème « {subject} », lancé en {year}, a bénéficié jusqu'ici à "
         "plus de quatre cents fonctionnaires de pays en développement."),
        ("Des missions d'experts ont permis d'évaluer les besoins relatifs au volet « {subject} » et de "
         "définir les priorités de la future coopération technique et financière (pays bénéficiaire : "
         "{country})."),
        ("{member} coordonne étroitement avec {partner} ses travaux sur le thème « {subject} », afin "
         "d'éviter les doubles emplois."),
        ("Une attention particulière a été accordée aux pays les moins avancés Membres pour le volet « "
         "{subject} »."),
        ("Le pays bénéficiaire ({country}) compte accueillir en {year} une activité régionale de type "
         "{activity}."),
        ("Le présent rapport porte sur les activités menées par {member} en {year} pour le volet « "
         "{subject} »."),
    ),
    "es": (
        ("{member} siguió otorgando gran prioridad a la cooperación técnica en materia de {subject}, de "
         "conformidad con las obligaciones que le corresponden en virtud del artículo 67 del Acuerdo sobre "
         "los ADPIC."),
        ("En {year}, {member} organizó una actividad nacional sobre {subject}, en la modalidad de "
         "{activity}, destinada a los funcionarios de la oficina de propiedad intelectual (país "
         "beneficiario: {country})."),
        ("Cada {activity} reunió a unos treinta participantes procedentes de las aduanas, la policía y el "
         "poder judicial, y permitió examinar los aspectos prácticos de la labor en materia de {subject}."),
        ("{member} financió un seminario regional sobre {subject}, organizado en cooperación con "
         "{partner}, al que asistieron representantes de doce países en desarrollo."),
        "El programa tenía por objeto principal reforzar la capacidad nacional en materia de {subject}.",
        ("Se impartió a jueces y fiscales un curso de formación de dos semanas sobre la observancia de los "
         "derechos de patente y de marca (país beneficiario: {country})."),
        "La cooperación en materia de {subject} seguirá siendo una prioridad del programa en {year}.",
        ("{member} prestó asistencia legislativa en materia de {subject}, en particular mediante "
         "observaciones sobre proyectos de ley y de reglamento presentados por las autoridades del país "
         "beneficiario ({country})."),
        ("Los participantes en la actividad, organizada en la modalidad de {activity}, examinaron la "
         "evolución reciente en materia de {subject} e intercambiaron experiencias sobre la administración "
         "de los sistemas de propiedad intelectual."),
        ("La actividad, en la modalidad de {activity}, se organizó a petición de las autoridades "
         "nacionales (país beneficiario: {country}), que consideran prioritaria la cooperación en materia "
         "de {subject}."),
        ("La cooperación técnica en materia de {subject} siguió respondiendo a la demanda y se concibió en "
         "estrecha consulta con el país beneficiario ({country})."),
        ("{member} concedió además becas que permitieron a funcionarios del país beneficiario ({country}) "
         "participar en una actividad especializada sobre {subject}, en la modalidad de {activity}."),
        "El material del seminario sobre {subject} se tradujo al idioma nacional.",
        ("En {year} se celebró para los examinadores una actividad especializada sobre {subject}, en la "
         "modalidad de {activity}, con ejercicios prácticos basados en solicitudes reales."),
        ("{member} considera que una formación continuada en materia de {subject}, dirigida a los "
         "funcionarios, a los jueces y al sector privado, es esencial para que los países en desarrollo "
         "puedan aprovechar plenamente las flexibilidades del Acuerdo sobre los ADPIC."),
        ("Los funcionarios de aduanas del país beneficiario ({country}) formados en el marco del programa "
         "señalaron una clara mejora de su capacidad para detectar mercancías falsificadas en la frontera."),
        ("Cada {activity} abordó también la relación entre la labor en materia de {subject} y las "
         "políticas públicas."),
        ("{member} contribuyó a la labor de {partner} sobre {subject} mediante contribuciones voluntarias "
         "a fondos fiduciarios y la adscripción de expertos."),
        ("En {year}, las actividades de cooperación en materia de {subject} se ampliaron a otros países "
         "menos adelantados, empezando por el siguiente país: {country}."),
        ("La evaluación de la actividad celebrada en {year} en la modalidad de {activity} puso de "
         "manifiesto un alto grado de satisfacción de los participantes y confirmó la pertinencia de los "
         "temas tratados."),
        "{member} seguirá atendiendo las solicitudes de cooperación en materia de {subject}.",
        "En cada {activity} participaron unos cuarenta funcionarios y representantes del sector privado.",
        ("Se alentó especialmente a las mujeres empresarias y a los jóvenes investigadores a participar en "
         "la actividad, organizada en la modalidad de {activity} y abierta a participantes de toda la "
         "región."),
        ("El programa de cada {activity} combinó exposiciones, estudios de casos y visitas a la oficina de "
         "propiedad intelectual, a los tribunales y a los puestos aduaneros."),
        ("Por conducto de su organismo de desarrollo, {member} financió un estudio sobre {subject} y su "
         "repercusión económica en la región, realizado conjuntamente con {partner}."),
        "Expertos enviados por {member} ayudaron a redactar directrices en materia de {subject}.",
        ("El programa para {year} incluye una actividad de seguimiento, en la modalidad de {activity}, que "
         "se organizará en cooperación con {partner} para consolidar los resultados obtenidos."),
        ("Los participantes subrayaron la importancia de la cooperación entre las oficinas de propiedad "
         "intelectual, las aduanas y la policía, en particular en materia de {subject}."),
        "{member} publicó una guía práctica sobre {subject} destinada a empresarios e investigadores.",
        ("La visita de estudio permitió a altos funcionarios del país beneficiario ({country}) observar "
         "directamente cómo se conceden las patentes y se registran las marcas."),
        ("En materia de {subject}, se hizo hincapié en el intercambio de buenas prácticas y en la "
         "elaboración de material de formación adaptado a las necesidades locales."),
        ("La actividad celebrada en {year} en la modalidad de {activity} fue la tercera de una serie sobre "
         "{subject} y contó con la participación de {partner}."),
        ("{member} suministró también equipo y programas informáticos para apoyar la automatización de los "
         "procedimientos en materia de {subject} (país beneficiario: {country})."),
        ("Se formó a formadores del país beneficiario ({country}) para que la actividad, en la modalidad "
         "de {activity}, pudiera reproducirse posteriormente a nivel nacional."),
        ("En su cooperación bilateral, {member} ha procurado integrar la labor en materia de {subject} en "
         "estrategias de desarrollo más amplias, en particular en la agricultura y la salud."),
        "Los resultados de cada {activity} se comunicaron al Consejo de los ADPIC.",
        "La demanda de formación en materia de {subject} siguió aumentando en {year}.",
        "La estrategia nacional de propiedad intelectual incluye ahora un capítulo sobre {subject}.",
        ("Una actividad conjunta con {partner}, en la modalidad de {activity}, examinó los vínculos entre "
         "la labor en materia de {subject} y los Objetivos de Desarrollo Sostenible."),
        ("{member} seguirá ayudando al país beneficiario ({country}) a aplicar las recomendaciones "
         "adoptadas al término de la actividad, organizada en la modalidad de {activity}."),
        ("El programa de formación sobre {subject}, iniciado en {year}, ha beneficiado hasta la fecha a "
         "más de cuatrocientos funcionarios de países en desarrollo."),
        ("Las misiones de expertos permitieron evaluar las necesidades en materia de {subject} y "
         "determinar las prioridades de la futura cooperación técnica y financiera (país beneficiario: "
         "{country})."),
        ("{member} coordina estrechamente con {partner} su labor en materia de {subject}, a fin de evitar "
         "duplicaciones."),
        ("Se prestó especial atención a los países menos adelantados Miembros en toda la labor en materia "
         "de {subject}."),
        ("El país beneficiario ({country}) prevé acoger en {year} una actividad regional en la modalidad "
         "de {activity}."),
        ("El presente informe abarca las actividades en materia de {subject} realizadas por {member} en "
         "{year}."),
    ),
}
# fmt: on
