package org.medinstruct.sim;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The simulator's medical vocabulary. Large on purpose: the number of distinct combinations keeps
 * ROUGE-L collisions between unrelated generated instructions rare, as with a real model.
 */
final class MedVocab {
  private MedVocab() {}

  static final List<Condition> CONDITIONS =
      Stream.of(
              "type 2 diabetes mellitus|Endocrinology|increased thirst;frequent urination;blurred"
                  + " vision|HbA1c of 8.9%;fasting glucose of 182 mg/dL|metformin|HbA1c"
                  + " measurement|diabetic nephropathy",
              "type 1 diabetes mellitus|Endocrinology|weight loss;polyuria;fatigue|random glucose"
                  + " of 412 mg/dL;positive GAD65 antibodies|insulin glargine|C-peptide"
                  + " level|diabetic ketoacidosis",
              "diabetic ketoacidosis|Emergency medicine|abdominal pain;vomiting;rapid deep"
                  + " breathing|serum bicarbonate of 11 mEq/L;anion gap of 24|intravenous regular"
                  + " insulin|arterial blood gas|cerebral edema",
              "essential hypertension|Cardiology|morning headaches;occasional dizziness;blurred"
                  + " vision|blood pressure of 162/98 mm Hg;left ventricular hypertrophy on"
                  + " ECG|amlodipine|ambulatory blood pressure monitoring|hypertensive heart"
                  + " disease",
              "heart failure with reduced ejection fraction|Cardiology|exertional"
                  + " dyspnea;orthopnea;ankle swelling|ejection fraction of 30%;BNP of 1,240"
                  + " pg/mL|sacubitril-valsartan|transthoracic echocardiography|cardiogenic shock",
              "atrial fibrillation|Cardiology|palpitations;lightheadedness;fatigue|irregularly"
                  + " irregular rhythm;absent P waves on ECG|apixaban|12-lead"
                  + " electrocardiogram|ischemic stroke",
              "acute myocardial infarction|Cardiology|crushing chest pain;diaphoresis;nausea|ST"
                  + " elevation in leads II, III and aVF;troponin I of 8.2 ng/mL|aspirin|serial"
                  + " troponin measurement|ventricular arrhythmia",
              "stable angina|Cardiology|exertional chest pressure;shortness of breath on"
                  + " stairs;relief with rest|ST depression on exercise testing;normal resting"
                  + " ECG|sublingual nitroglycerin|exercise stress test|acute coronary syndrome",
              "aortic stenosis|Cardiology|exertional syncope;chest"
                  + " pain;dyspnea|crescendo-decrescendo systolic murmur;valve area of 0.8"
                  + " cm2|transcatheter aortic valve replacement|echocardiography|sudden cardiac"
                  + " death",
              "infective endocarditis|Infectious disease|fever;night sweats;weight loss|new"
                  + " regurgitant murmur;positive blood cultures for Staphylococcus"
                  + " aureus|intravenous vancomycin|transesophageal echocardiography|septic emboli",
              "deep vein thrombosis|Hematology|unilateral leg swelling;calf pain;warmth of the"
                  + " leg|D-dimer of 2.4 mg/L;non-compressible femoral vein|rivaroxaban|compression"
                  + " ultrasonography|pulmonary embolism",
              "pulmonary embolism|Pulmonology|sudden dyspnea;pleuritic chest pain;hemoptysis|oxygen"
                  + " saturation of 88%;filling defect on CT angiography|low-molecular-weight"
                  + " heparin|CT pulmonary angiography|right heart failure",
              "asthma|Pulmonology|wheezing;nocturnal cough;chest tightness|FEV1 increase of 15%"
                  + " after bronchodilator;expiratory wheeze|inhaled"
                  + " budesonide-formoterol|spirometry with bronchodilator testing|status"
                  + " asthmaticus",
              "chronic obstructive pulmonary disease|Pulmonology|chronic productive"
                  + " cough;progressive dyspnea;reduced exercise tolerance|FEV1/FVC ratio of"
                  + " 0.58;hyperinflated lungs on chest X-ray|tiotropium|post-bronchodilator"
                  + " spirometry|hypercapnic respiratory failure",
              "community-acquired pneumonia|Infectious disease|fever;productive cough;pleuritic"
                  + " chest pain|right lower lobe consolidation;white cell count of"
                  + " 16,800/mm3|amoxicillin|chest radiography|parapneumonic effusion",
              "pulmonary tuberculosis|Infectious disease|chronic cough;night sweats;weight"
                  + " loss|upper lobe cavitary lesion;positive sputum acid-fast"
                  + " bacilli|rifampicin|sputum nucleic acid amplification test|miliary"
                  + " tuberculosis",
              "obstructive sleep apnea|Pulmonology|loud snoring;daytime sleepiness;witnessed"
                  + " apneas|apnea-hypopnea index of 34;neck circumference of 44 cm|continuous"
                  + " positive airway pressure|polysomnography|pulmonary hypertension",
              "idiopathic pulmonary fibrosis|Pulmonology|dry cough;progressive"
                  + " dyspnea;fatigue|bibasilar inspiratory crackles;honeycombing on"
                  + " CT|nintedanib|high-resolution CT of the chest|acute exacerbation of fibrosis",
              "chronic kidney disease|Nephrology|fatigue;reduced appetite;itching|eGFR of 38"
                  + " mL/min/1.73 m2;urine albumin-to-creatinine ratio of 420"
                  + " mg/g|dapagliflozin|urine albumin-to-creatinine ratio|end-stage renal disease",
              "acute kidney injury|Nephrology|reduced urine output;leg"
                  + " swelling;confusion|creatinine rise from 0.9 to 2.6 mg/dL;potassium of 6.1"
                  + " mEq/L|isotonic fluid resuscitation|renal ultrasonography|life-threatening"
                  + " hyperkalemia",
              "nephrotic syndrome|Nephrology|periorbital swelling;foamy urine;weight"
                  + " gain|proteinuria of 5.2 g/day;serum albumin of 2.1 g/dL|prednisolone|24-hour"
                  + " urine protein collection|renal vein thrombosis",
              "urinary tract infection|Urology|burning on urination;urinary frequency;suprapubic"
                  + " pain|positive leukocyte esterase;nitrite-positive"
                  + " urinalysis|nitrofurantoin|urine culture|pyelonephritis",
              "kidney stones|Urology|colicky flank pain;hematuria;nausea|4-mm obstructing ureteral"
                  + " stone;microscopic hematuria|tamsulosin|non-contrast CT of the"
                  + " abdomen|obstructive pyelonephritis",
              "benign prostatic hyperplasia|Urology|weak urinary stream;nocturia;incomplete"
                  + " emptying|smooth enlarged prostate;post-void residual of 180"
                  + " mL|tamsulosin|prostate-specific antigen test|acute urinary retention",
              "gastroesophageal reflux disease|Gastroenterology|heartburn;regurgitation;chronic"
                  + " cough|erosive esophagitis on endoscopy;normal barium swallow|omeprazole|upper"
                  + " endoscopy|Barrett esophagus",
              "peptic ulcer disease|Gastroenterology|epigastric pain;early satiety;black"
                  + " stools|duodenal ulcer on endoscopy;positive Helicobacter pylori stool"
                  + " antigen|clarithromycin-based triple therapy|Helicobacter pylori stool antigen"
                  + " test|upper gastrointestinal bleeding",
              "Crohn disease|Gastroenterology|chronic diarrhea;abdominal pain;weight loss|skip"
                  + " lesions on colonoscopy;fecal calprotectin of 640"
                  + " ug/g|infliximab|ileocolonoscopy with biopsy|intestinal stricture",
              "ulcerative colitis|Gastroenterology|bloody diarrhea;tenesmus;urgency|continuous"
                  + " rectal inflammation;elevated C-reactive protein|mesalamine|flexible"
                  + " sigmoidoscopy|toxic megacolon",
              "irritable bowel syndrome|Gastroenterology|crampy abdominal pain;bloating;alternating"
                  + " bowel habits|normal colonoscopy;normal inflammatory markers|dietary"
                  + " low-FODMAP approach|fecal calprotectin|anxiety and reduced quality of life",
              "celiac disease|Gastroenterology|chronic diarrhea;bloating;iron deficiency|positive"
                  + " tissue transglutaminase IgA;villous atrophy on duodenal biopsy|strict"
                  + " gluten-free diet|tissue transglutaminase antibody test|osteoporosis",
              "acute pancreatitis|Gastroenterology|severe epigastric pain radiating to the"
                  + " back;vomiting;fever|lipase of 1,850 U/L;peripancreatic fluid on CT|aggressive"
                  + " intravenous hydration|serum lipase|pancreatic necrosis",
              "acute cholecystitis|General surgery|right upper quadrant pain;fever;nausea after"
                  + " fatty meals|positive Murphy sign;gallbladder wall thickening on"
                  + " ultrasound|laparoscopic cholecystectomy|right upper quadrant"
                  + " ultrasonography|gallbladder perforation",
              "acute appendicitis|General surgery|periumbilical pain migrating to the right lower"
                  + " quadrant;anorexia;low-grade fever|tenderness at McBurney point;white cell"
                  + " count of 14,200/mm3|appendectomy|CT of the abdomen|perforation and"
                  + " peritonitis",
              "liver cirrhosis|Hepatology|abdominal distension;fatigue;easy bruising|shifting"
                  + " dullness;platelet count of 78,000/mm3|spironolactone|liver"
                  + " elastography|variceal bleeding",
              "chronic hepatitis B infection|Hepatology|fatigue;mild right upper quadrant"
                  + " discomfort;loss of appetite|positive HBsAg;HBV DNA of 2.1 million"
                  + " IU/mL|tenofovir|HBV DNA viral load|hepatocellular carcinoma",
              "hepatitis C infection|Hepatology|fatigue;joint pain;dark urine|positive HCV"
                  + " RNA;mildly elevated ALT|sofosbuvir-velpatasvir|HCV RNA testing|cirrhosis",
              "non-alcoholic fatty liver disease|Hepatology|fatigue;right upper quadrant"
                  + " fullness;central obesity|hepatic steatosis on ultrasound;ALT of 78"
                  + " U/L|structured weight loss|transient elastography|steatohepatitis with"
                  + " fibrosis",
              "hypothyroidism|Endocrinology|weight gain;cold intolerance;constipation|TSH of 14.2"
                  + " mIU/L;low free T4|levothyroxine|thyroid-stimulating hormone"
                  + " measurement|myxedema coma",
              "Graves disease|Endocrinology|heat intolerance;palpitations;weight loss|suppressed"
                  + " TSH;positive TSH receptor antibodies|methimazole|radioactive iodine uptake"
                  + " scan|thyroid storm",
              "Cushing syndrome|Endocrinology|central weight gain;easy bruising;proximal muscle"
                  + " weakness|elevated late-night salivary cortisol;purple abdominal"
                  + " striae|surgical resection of the pituitary adenoma|dexamethasone suppression"
                  + " test|osteoporotic fractures",
              "primary adrenal insufficiency|Endocrinology|fatigue;salt craving;skin"
                  + " darkening|serum sodium of 128 mEq/L;low morning cortisol|hydrocortisone|ACTH"
                  + " stimulation test|adrenal crisis",
              "osteoporosis|Endocrinology|loss of height;back pain;fracture after a minor"
                  + " fall|T-score of -2.8 at the femoral neck;vertebral compression"
                  + " fracture|alendronate|dual-energy X-ray absorptiometry|hip fracture",
              "gout|Rheumatology|sudden painful swollen big toe;redness;warmth of the joint|serum"
                  + " urate of 9.4 mg/dL;negatively birefringent crystals|colchicine|joint"
                  + " aspiration with crystal analysis|tophaceous gout",
              "rheumatoid arthritis|Rheumatology|symmetric joint pain;morning stiffness over an"
                  + " hour;hand swelling|positive anti-CCP antibodies;erosions on hand"
                  + " radiographs|methotrexate|anti-cyclic citrullinated peptide antibody"
                  + " test|joint deformity",
              "systemic lupus erythematosus|Rheumatology|malar rash;joint"
                  + " pain;photosensitivity|positive anti-dsDNA antibodies;low complement"
                  + " levels|hydroxychloroquine|antinuclear antibody test|lupus nephritis",
              "osteoarthritis of the knee|Rheumatology|knee pain on walking;brief morning"
                  + " stiffness;crepitus|joint space narrowing;osteophytes on radiographs|topical"
                  + " diclofenac|weight-bearing knee radiograph|reduced mobility",
              "giant cell arteritis|Rheumatology|new temporal headache;jaw claudication;scalp"
                  + " tenderness|ESR of 92 mm/h;tender temporal artery|high-dose"
                  + " prednisone|temporal artery biopsy|permanent vision loss",
              "ischemic stroke|Neurology|sudden facial droop;arm weakness;slurred speech|NIHSS"
                  + " score of 9;no hemorrhage on CT|alteplase|non-contrast CT of the"
                  + " head|hemorrhagic transformation",
              "migraine|Neurology|throbbing unilateral headache;photophobia;nausea|normal"
                  + " neurological examination;visual aura before attacks|sumatriptan|clinical"
                  + " headache diary|medication overuse headache",
              "epilepsy|Neurology|recurrent seizures;brief loss of awareness;post-ictal"
                  + " confusion|epileptiform discharges on EEG;normal"
                  + " MRI|levetiracetam|electroencephalography|status epilepticus",
              "Parkinson disease|Neurology|resting tremor;slowness of movement;shuffling"
                  + " gait|cogwheel rigidity;reduced arm swing|levodopa-carbidopa|clinical"
                  + " examination with DaTscan when unclear|falls and dementia",
              "multiple sclerosis|Neurology|blurred vision in one eye;numbness of the"
                  + " legs;fatigue|periventricular white matter lesions on MRI;oligoclonal bands in"
                  + " CSF|ocrelizumab|MRI of the brain and spinal cord|progressive disability",
              "Alzheimer disease|Neurology|progressive memory loss;getting lost in familiar"
                  + " places;difficulty managing finances|MMSE score of 19;hippocampal atrophy on"
                  + " MRI|donepezil|cognitive screening with MoCA|loss of independence",
              "bacterial meningitis|Infectious disease|fever;neck stiffness;severe headache|CSF"
                  + " glucose of 22 mg/dL;CSF neutrophilic pleocytosis|intravenous"
                  + " ceftriaxone|lumbar puncture|sensorineural hearing loss",
              "Guillain-Barre syndrome|Neurology|ascending leg weakness;tingling in the feet;back"
                  + " pain|absent reflexes;elevated CSF protein with normal cell count|intravenous"
                  + " immunoglobulin|nerve conduction studies|respiratory failure",
              "myasthenia gravis|Neurology|drooping eyelids;double vision;fatigable"
                  + " weakness|positive acetylcholine receptor antibodies;decremental response on"
                  + " nerve stimulation|pyridostigmine|acetylcholine receptor antibody"
                  + " test|myasthenic crisis",
              "major depressive disorder|Psychiatry|persistent low mood;loss of interest;sleep"
                  + " disturbance|PHQ-9 score of 19;no psychotic features|sertraline|PHQ-9"
                  + " questionnaire|suicide",
              "generalized anxiety disorder|Psychiatry|excessive worry;restlessness;muscle"
                  + " tension|GAD-7 score of 16;normal thyroid function|escitalopram|GAD-7"
                  + " questionnaire|functional impairment",
              "bipolar I disorder|Psychiatry|decreased need for sleep;pressured speech;impulsive"
                  + " spending|manic episode lasting 10 days;no substance use|lithium|mood charting"
                  + " and clinical interview|lithium toxicity",
              "schizophrenia|Psychiatry|auditory hallucinations;paranoid beliefs;social"
                  + " withdrawal|disorganized speech;symptoms for over six"
                  + " months|risperidone|structured psychiatric assessment|tardive dyskinesia",
              "alcohol use disorder|Psychiatry|morning tremor;cravings;failed attempts to cut"
                  + " down|AUDIT score of 24;elevated GGT|naltrexone|AUDIT questionnaire|alcohol"
                  + " withdrawal seizures",
              "opioid use disorder|Psychiatry|cravings;withdrawal symptoms;continued use despite"
                  + " harm|positive urine opioid screen;track marks|buprenorphine|urine drug"
                  + " screen|fatal overdose",
              "attention-deficit/hyperactivity disorder|Psychiatry|inattention at"
                  + " school;hyperactivity;impulsivity|Vanderbilt scale above threshold;symptoms in"
                  + " two settings|methylphenidate|Vanderbilt rating scales|academic failure",
              "iron deficiency anemia|Hematology|fatigue;pale skin;shortness of breath on"
                  + " exertion|hemoglobin of 8.9 g/dL;ferritin of 6 ng/mL|oral ferrous"
                  + " sulfate|serum ferritin|high-output heart failure",
              "vitamin B12 deficiency|Hematology|numbness in the feet;fatigue;sore tongue|MCV of"
                  + " 112 fL;low serum cobalamin|intramuscular cyanocobalamin|serum vitamin B12 and"
                  + " methylmalonic acid|subacute combined degeneration",
              "sickle cell disease|Hematology|episodes of severe bone"
                  + " pain;fatigue;jaundice|hemoglobin S on"
                  + " electrophoresis;reticulocytosis|hydroxyurea|hemoglobin electrophoresis|acute"
                  + " chest syndrome",
              "immune thrombocytopenia|Hematology|easy bruising;petechiae;gum bleeding|platelet"
                  + " count of 18,000/mm3;normal white cells|prednisone|peripheral blood"
                  + " smear|intracranial hemorrhage",
              "acute myeloid leukemia|Oncology|fatigue;fever;bleeding gums|circulating myeloblasts"
                  + " with Auer rods;pancytopenia|induction chemotherapy with cytarabine|bone"
                  + " marrow biopsy|tumor lysis syndrome",
              "chronic lymphocytic leukemia|Oncology|painless lymph node swelling;fatigue;night"
                  + " sweats|lymphocyte count of 42,000/mm3;smudge cells on smear|ibrutinib|flow"
                  + " cytometry of peripheral blood|autoimmune hemolytic anemia",
              "Hodgkin lymphoma|Oncology|painless neck lymph node;fever;drenching night"
                  + " sweats|Reed-Sternberg cells on biopsy;mediastinal mass|ABVD"
                  + " chemotherapy|excisional lymph node biopsy|secondary malignancy",
              "breast cancer|Oncology|painless breast lump;nipple retraction;skin dimpling|BI-RADS"
                  + " 5 mass on mammography;HER2-positive core biopsy|trastuzumab|diagnostic"
                  + " mammography with core biopsy|metastatic disease",
              "colorectal cancer|Oncology|change in bowel habits;rectal bleeding;weight"
                  + " loss|microcytic anemia;mass in the sigmoid colon|FOLFOX"
                  + " chemotherapy|colonoscopy|liver metastases",
              "non-small cell lung cancer|Oncology|persistent cough;hemoptysis;weight"
                  + " loss|spiculated 3-cm nodule;EGFR mutation on biopsy|osimertinib|CT-guided"
                  + " lung biopsy|brain metastases",
              "prostate cancer|Oncology|urinary hesitancy;bone pain;nocturia|PSA of 18"
                  + " ng/mL;Gleason score 7 on biopsy|androgen deprivation therapy|MRI-targeted"
                  + " prostate biopsy|bone metastases",
              "melanoma|Dermatology|changing mole;irregular borders;itching of a skin"
                  + " lesion|asymmetric pigmented lesion of 9 mm;Breslow depth of 1.8 mm|wide local"
                  + " excision|excisional skin biopsy|lymph node metastasis",
              "psoriasis|Dermatology|scaly plaques on the elbows;itching;nail"
                  + " pitting|well-demarcated silvery plaques;body surface area of 12%|topical"
                  + " calcipotriol-betamethasone|clinical skin examination|psoriatic arthritis",
              "atopic dermatitis|Dermatology|itchy dry skin;rash in skin folds;sleep"
                  + " disturbance|lichenified patches;elevated IgE|topical hydrocortisone with"
                  + " emollients|clinical assessment with SCORAD|secondary skin infection",
              "cellulitis|Dermatology|spreading redness of the leg;warmth;tenderness|poorly"
                  + " demarcated erythema;low-grade fever|cephalexin|clinical"
                  + " examination|necrotizing fasciitis",
              "HIV infection|Infectious disease|fever;weight loss;recurrent infections|CD4 count of"
                  + " 180 cells/mm3;HIV RNA of 85,000 copies/mL|bictegravir-emtricitabine-tenofovir"
                  + " alafenamide|HIV antigen/antibody combination test|opportunistic infections",
              "sepsis|Critical care|fever;confusion;rapid breathing|lactate of 4.2 mmol/L;mean"
                  + " arterial pressure of 58 mm Hg|broad-spectrum piperacillin-tazobactam|blood"
                  + " cultures and serum lactate|septic shock",
              "malaria|Infectious disease|cyclical fevers;chills;headache after travel|Plasmodium"
                  + " falciparum on blood smear;thrombocytopenia|artemether-lumefantrine|thick and"
                  + " thin blood smears|cerebral malaria",
              "Lyme disease|Infectious disease|expanding target-shaped rash;fatigue;joint"
                  + " pain|erythema migrans over 5 cm;positive two-tier"
                  + " serology|doxycycline|two-tier Lyme serology|Lyme carditis",
              "influenza|Infectious disease|sudden fever;muscle aches;dry cough|positive rapid"
                  + " influenza PCR;normal chest X-ray|oseltamivir|influenza PCR|secondary"
                  + " bacterial pneumonia",
              "COVID-19|Infectious disease|fever;loss of smell;cough|positive SARS-CoV-2"
                  + " PCR;bilateral ground-glass opacities|nirmatrelvir-ritonavir|SARS-CoV-2"
                  + " PCR|long COVID",
              "preeclampsia|Obstetrics|headache;visual disturbances;swelling of the face|blood"
                  + " pressure of 158/104 mm Hg at 34 weeks;proteinuria of 2+|magnesium sulfate"
                  + " with labetalol|urine protein-to-creatinine ratio|eclampsia",
              "gestational diabetes|Obstetrics|increased thirst;fatigue;recurrent yeast"
                  + " infections|abnormal 75-g oral glucose tolerance test at 26 weeks;fetal growth"
                  + " above the 90th percentile|insulin|oral glucose tolerance test|fetal"
                  + " macrosomia",
              "polycystic ovary syndrome|Gynecology|irregular periods;acne;excess hair"
                  + " growth|elevated free testosterone;polycystic ovaries on ultrasound|combined"
                  + " oral contraceptive pill|pelvic ultrasonography|infertility",
              "endometriosis|Gynecology|painful periods;pelvic pain;pain during intercourse|tender"
                  + " nodularity of the uterosacral ligaments;endometrioma on"
                  + " ultrasound|dienogest|laparoscopy|infertility",
              "ectopic pregnancy|Obstetrics|lower abdominal pain;vaginal spotting;missed"
                  + " period|beta-hCG of 2,400 mIU/mL;empty uterus on transvaginal"
                  + " ultrasound|methotrexate|transvaginal ultrasonography|tubal rupture",
              "bronchiolitis|Pediatrics|runny nose;wheezing;poor feeding in an infant|oxygen"
                  + " saturation of 91%;diffuse crackles|supportive care with nasal"
                  + " suction|clinical assessment and pulse oximetry|apnea in young infants",
              "acute otitis media|Pediatrics|ear pain;fever;irritability|bulging tympanic"
                  + " membrane;reduced membrane mobility|amoxicillin|pneumatic"
                  + " otoscopy|mastoiditis",
              "Kawasaki disease|Pediatrics|fever for five days;conjunctival injection;strawberry"
                  + " tongue|elevated CRP;peeling of the fingertips|intravenous immunoglobulin with"
                  + " aspirin|echocardiography|coronary artery aneurysm",
              "cystic fibrosis|Genetics|chronic productive cough;poor weight gain;greasy"
                  + " stools|sweat chloride of 92 mmol/L;two CFTR"
                  + " mutations|elexacaftor-tezacaftor-ivacaftor|sweat chloride"
                  + " test|bronchiectasis",
              "Down syndrome|Genetics|low muscle tone;developmental delay;feeding"
                  + " difficulties|trisomy 21 on karyotype;atrioventricular septal defect|early"
                  + " intervention therapy|chromosomal karyotype|early-onset Alzheimer disease",
              "hereditary hemochromatosis|Genetics|fatigue;joint pain;bronze skin|transferrin"
                  + " saturation of 68%;homozygous C282Y mutation|therapeutic phlebotomy|HFE"
                  + " genotyping|cirrhosis",
              "Marfan syndrome|Genetics|tall stature;joint hypermobility;lens dislocation|aortic"
                  + " root dilation;FBN1 mutation|losartan|echocardiography of the aortic"
                  + " root|aortic dissection",
              "glaucoma|Ophthalmology|gradual peripheral vision loss;halos around lights;eye"
                  + " pain|intraocular pressure of 29 mm Hg;cupped optic disc|latanoprost eye"
                  + " drops|tonometry and visual field testing|irreversible blindness",
              "age-related macular degeneration|Ophthalmology|blurred central vision;distorted"
                  + " straight lines;difficulty reading|drusen on fundoscopy;subretinal fluid on"
                  + " OCT|intravitreal aflibercept|optical coherence tomography|central vision"
                  + " loss",
              "anaphylaxis|Emergency medicine|hives;throat swelling;difficulty breathing|blood"
                  + " pressure of 78/40 mm Hg;diffuse wheeze|intramuscular epinephrine|serum"
                  + " tryptase|airway obstruction",
              "hip fracture|Orthopedics|hip pain after a fall;inability to bear weight;shortened"
                  + " rotated leg|displaced femoral neck fracture on X-ray;hemoglobin of 10.2"
                  + " g/dL|surgical fixation|hip radiography|delirium and venous thromboembolism",
              "low back pain|Orthopedics|lower back pain;pain radiating to the"
                  + " buttock;stiffness|normal neurological examination;no red-flag"
                  + " features|nonsteroidal anti-inflammatory drugs with activity|clinical"
                  + " examination for red flags|chronic pain",
              "obesity|Nutrition|weight gain;snoring;joint pain|BMI of 38 kg/m2;waist circumference"
                  + " of 118 cm|semaglutide|BMI and waist circumference measurement|type 2"
                  + " diabetes",
              "hyperlipidemia|Cardiology|no symptoms;xanthelasma;family history of early heart"
                  + " disease|LDL cholesterol of 196 mg/dL;triglycerides of 240"
                  + " mg/dL|atorvastatin|fasting lipid panel|atherosclerotic cardiovascular"
                  + " disease")
          .map(Condition::parse)
          .collect(Collectors.toUnmodifiableList());

  /** "drug|class|use|adverse effect". */
  static final List<String[]> DRUGS =
      Stream.of(
              "metformin|biguanide|type 2 diabetes|lactic acidosis",
              "empagliflozin|SGLT2 inhibitor|heart failure and diabetes|genital mycotic infection",
              "semaglutide|GLP-1 receptor agonist|obesity and diabetes|nausea",
              "insulin glargine|long-acting insulin|diabetes|hypoglycemia",
              "lisinopril|ACE inhibitor|hypertension|dry cough",
              "losartan|angiotensin receptor blocker|hypertension|hyperkalemia",
              "amlodipine|calcium channel blocker|hypertension|ankle edema",
              "metoprolol succinate|beta blocker|heart failure|bradycardia",
              "hydrochlorothiazide|thiazide diuretic|hypertension|hyponatremia",
              "furosemide|loop diuretic|fluid overload|hypokalemia",
              "spironolactone|aldosterone antagonist|heart failure|gynecomastia",
              "atorvastatin|statin|hyperlipidemia|myopathy",
              "warfarin|vitamin K antagonist|atrial fibrillation|bleeding",
              "apixaban|direct factor Xa inhibitor|venous thromboembolism|bleeding",
              "clopidogrel|P2Y12 inhibitor|acute coronary syndrome|bleeding",
              "digoxin|cardiac glycoside|rate control in atrial fibrillation|visual disturbances",
              "amiodarone|class III antiarrhythmic|ventricular arrhythmias|pulmonary fibrosis",
              "levothyroxine|thyroid hormone|hypothyroidism|palpitations",
              "methimazole|thionamide|hyperthyroidism|agranulocytosis",
              "prednisone|glucocorticoid|inflammatory disease|hyperglycemia",
              "alendronate|bisphosphonate|osteoporosis|esophagitis",
              "allopurinol|xanthine oxidase inhibitor|gout prevention|severe cutaneous reactions",
              "methotrexate|antimetabolite|rheumatoid arthritis|hepatotoxicity",
              "hydroxychloroquine|antimalarial immunomodulator|lupus|retinal toxicity",
              "adalimumab|TNF-alpha inhibitor|inflammatory arthritis|reactivation of tuberculosis",
              "omeprazole|proton pump inhibitor|reflux disease|Clostridioides difficile infection",
              "ondansetron|5-HT3 antagonist|nausea|QT prolongation",
              "amoxicillin|aminopenicillin|otitis media|rash",
              "ceftriaxone|third-generation cephalosporin|meningitis|biliary sludge",
              "vancomycin|glycopeptide antibiotic|MRSA infection|nephrotoxicity",
              "ciprofloxacin|fluoroquinolone|complicated urinary infection|tendon rupture",
              "doxycycline|tetracycline|Lyme disease|photosensitivity",
              "azithromycin|macrolide|atypical pneumonia|QT prolongation",
              "isoniazid|antimycobacterial|tuberculosis|peripheral neuropathy",
              "oseltamivir|neuraminidase inhibitor|influenza|nausea",
              "sertraline|SSRI|depression|sexual dysfunction",
              "venlafaxine|SNRI|generalized anxiety|hypertension",
              "lithium|mood stabilizer|bipolar disorder|hypothyroidism",
              "quetiapine|atypical antipsychotic|schizophrenia|weight gain",
              "haloperidol|typical antipsychotic|acute psychosis|extrapyramidal symptoms",
              "lorazepam|benzodiazepine|status epilepticus|respiratory depression",
              "levetiracetam|antiseizure medication|epilepsy|irritability",
              "valproate|antiseizure medication|epilepsy|teratogenicity",
              "levodopa-carbidopa|dopamine precursor|Parkinson disease|dyskinesia",
              "donepezil|cholinesterase inhibitor|Alzheimer disease|bradycardia",
              "sumatriptan|triptan|migraine|chest tightness",
              "morphine|opioid agonist|severe pain|constipation",
              "buprenorphine|partial opioid agonist|opioid use disorder|precipitated withdrawal",
              "naloxone|opioid antagonist|opioid overdose|acute withdrawal",
              "ibuprofen|NSAID|pain and inflammation|gastrointestinal bleeding",
              "acetaminophen|analgesic and antipyretic|pain and fever|hepatotoxicity in overdose",
              "albuterol|short-acting beta-2 agonist|asthma|tremor",
              "tiotropium|long-acting muscarinic antagonist|COPD|dry mouth",
              "montelukast|leukotriene receptor antagonist|asthma|neuropsychiatric effects",
              "tamsulosin|alpha-1 blocker|benign prostatic hyperplasia|orthostatic hypotension",
              "finasteride|5-alpha reductase inhibitor|benign prostatic hyperplasia|sexual"
                  + " dysfunction",
              "sildenafil|PDE5 inhibitor|erectile dysfunction|hypotension with nitrates",
              "tamoxifen|selective estrogen receptor modulator|breast cancer|venous"
                  + " thromboembolism",
              "trastuzumab|anti-HER2 antibody|HER2-positive breast cancer|cardiotoxicity",
              "imatinib|tyrosine kinase inhibitor|chronic myeloid leukemia|fluid retention",
              "pembrolizumab|PD-1 inhibitor|advanced melanoma|immune-related colitis",
              "cisplatin|platinum chemotherapy|solid tumors|nephrotoxicity",
              "tenofovir|nucleotide reverse transcriptase inhibitor|HIV and hepatitis B|renal"
                  + " toxicity",
              "heparin|anticoagulant|acute thrombosis|heparin-induced thrombocytopenia",
              "epinephrine|adrenergic agonist|anaphylaxis|tachycardia",
              "magnesium sulfate|anticonvulsant electrolyte|eclampsia prevention|respiratory"
                  + " depression",
              "oxytocin|uterotonic|labor induction|uterine hyperstimulation",
              "isotretinoin|oral retinoid|severe acne|teratogenicity",
              "ferrous sulfate|iron supplement|iron deficiency anemia|constipation",
              "hydroxyurea|antimetabolite|sickle cell disease|myelosuppression")
          .map(s -> s.split("\\|"))
          .collect(Collectors.toUnmodifiableList());

  static final List<String> POPULATIONS =
      List.of(
          "older adults",
          "pregnant women",
          "children under five",
          "adolescents",
          "newborns",
          "postmenopausal women",
          "patients with chronic kidney disease",
          "athletes",
          "people living with HIV",
          "nursing home residents",
          "patients with liver cirrhosis",
          "breastfeeding mothers",
          "patients with obesity",
          "smokers",
          "shift workers",
          "immunocompromised patients",
          "patients over 80 years old",
          "recent immigrants",
          "patients with limited health literacy",
          "veterans",
          "patients with heart failure",
          "people with intellectual disability",
          "patients on dialysis",
          "transplant recipients",
          "patients with type 2 diabetes",
          "young women of childbearing age",
          "patients after bariatric surgery",
          "frail elderly patients",
          "school-age children",
          "patients with a history of stroke",
          "homeless adults",
          "long-distance travelers",
          "healthcare workers",
          "patients receiving chemotherapy",
          "people who inject drugs",
          "rural communities",
          "patients with dementia",
          "premature infants",
          "middle-aged men",
          "patients with sickle cell trait");

  static final List<String> SETTINGS =
      List.of(
          "in the emergency department",
          "in primary care",
          "in an intensive care unit",
          "in a rural clinic",
          "during a telehealth visit",
          "in a resource-limited setting",
          "at hospital discharge",
          "in a community pharmacy",
          "in a school health program",
          "on a general medical ward",
          "in a long-term care facility",
          "during a home visit",
          "in an outpatient cardiology clinic",
          "in the labor and delivery unit",
          "in a pediatric ward",
          "during pre-operative assessment",
          "in a travel clinic",
          "in an urgent care center",
          "during a routine annual check-up",
          "in a sports medicine clinic",
          "in an oncology day unit",
          "during a disaster response",
          "in a prison health service",
          "on a cruise ship clinic",
          "in a military field hospital",
          "in palliative care",
          "during a mass vaccination campaign");

  static final List<String> AUDIENCES =
      List.of(
          "a newly diagnosed patient",
          "a worried parent",
          "a family caregiver",
          "first-year medical students",
          "nursing students",
          "a community health worker",
          "a high school biology class",
          "hospital volunteers",
          "a patient with low literacy",
          "an elderly patient and their daughter",
          "pharmacy technicians",
          "junior residents",
          "a patient who speaks English as a second language",
          "public health officials",
          "an insurance case manager",
          "a physiotherapy team",
          "a school teacher",
          "a rural village council",
          "a teenage patient",
          "a support group");

  static final List<String> DOC_TYPES =
      List.of(
          "patient education leaflet",
          "discharge summary",
          "referral letter",
          "progress note",
          "one-page handout",
          "short blog post",
          "brief case report",
          "nursing care plan",
          "informed consent explanation",
          "public health announcement",
          "pharmacist counseling script",
          "lecture outline",
          "journal club summary",
          "social media post",
          "FAQ sheet",
          "clinical practice pathway",
          "handover note",
          "medication guide",
          "newsletter article",
          "quality improvement proposal",
          "grand rounds abstract",
          "patient diary template",
          "podcast script",
          "triage protocol",
          "study guide");

  static final List<String> ASPECTS =
      List.of(
          "pathophysiology",
          "early warning signs",
          "diagnostic criteria",
          "first-line treatment",
          "long-term complications",
          "risk factors",
          "differential diagnosis",
          "epidemiology and burden",
          "prevention strategies",
          "prognosis",
          "lifestyle management",
          "monitoring requirements",
          "genetic basis",
          "imaging findings",
          "laboratory workup",
          "nutritional management",
          "indications for hospital admission",
          "red-flag symptoms",
          "screening recommendations",
          "follow-up schedule",
          "self-management skills",
          "psychosocial impact",
          "rehabilitation needs",
          "staging and classification",
          "pharmacological options",
          "non-drug therapies",
          "emergency management",
          "transmission routes",
          "common misconceptions",
          "cost-effective care");

  static final List<String> ANATOMY =
      List.of(
          "rotator cuff",
          "brachial plexus",
          "circle of Willis",
          "nephron",
          "hepatic portal system",
          "coronary arteries",
          "blood-brain barrier",
          "pancreatic islets",
          "alveolar-capillary membrane",
          "sinoatrial node",
          "pituitary gland",
          "carpal tunnel",
          "inguinal canal",
          "knee menisci",
          "vestibular system",
          "thyroid gland",
          "adrenal cortex",
          "basal ganglia",
          "cranial nerve VII",
          "pelvic floor muscles",
          "lymphatic system",
          "biliary tree",
          "placenta",
          "retina",
          "spinal cord tracts",
          "diaphragm",
          "anterior cruciate ligament",
          "aortic valve");

  static final List<String> FOCUSES =
      List.of(
          "focusing on evidence from recent trials",
          "using simple language",
          "in no more than 150 words",
          "with practical examples",
          "citing current guidelines",
          "highlighting common pitfalls",
          "with attention to drug interactions",
          "emphasizing patient safety",
          "including when to seek urgent care",
          "comparing it with alternative approaches",
          "addressing cultural considerations",
          "taking cost into account",
          "with a step-by-step structure",
          "for a busy clinician",
          "mentioning relevant laboratory thresholds",
          "in a reassuring tone",
          "considering shared decision-making",
          "and justify each point",
          "noting differences between adults and children",
          "with a short summary at the end",
          "avoiding medical jargon",
          "including key numbers to remember",
          "highlighting what has changed in the last decade",
          "with bullet points",
          "referring to the relevant physiology",
          "with one worked example",
          "flagging uncertainties in the evidence",
          "suitable for a ten-minute teaching session",
          "considering comorbidities and polypharmacy",
          "noting how the answer differs in" + " pregnancy",
          "with a brief note on prognosis",
          "mentioning typical costs and" + " access barriers",
          "ending with three key takeaways",
          "distinguishing facts from common myths",
          "keeping it under 200 words",
          "with references to typical dosing where relevant");

  static final List<String> RELATIVES =
      List.of(
          "mother",
          "father",
          "husband",
          "wife",
          "son",
          "daughter",
          "grandmother",
          "grandfather",
          "brother",
          "sister",
          "partner",
          "best friend",
          "roommate",
          "neighbor");
}
