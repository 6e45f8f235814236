/** Common English given names and surnames (written for kpo), and capitalised words that are not names. */

const GIVEN = `James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven
Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry
Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry
Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan
Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby
Mason Philip Louis Liam Lucas Oliver Owen Caleb Isaac Luke Hunter Connor Evan Aiden Jayden Carter Wyatt Julian Levi Hudson Lincoln
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna
Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela
Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce
Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara
Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa
Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Ava Mia Harper Ella Chloe Zoe Lily Layla Nora Riley Aria Scarlett Aurora
Claire Lucy Sophie Alyssa Jasmine Kaitlyn Hailey Paige Morgan Taylor Jenna Erin Molly Leah Audrey Caroline Ellie Stella Hazel Violet
Emilia Isla Freya Poppy Daisy Ruby Alfie Archie Harry Charlie Oscar Leo Freddie Theo Arlo Finley Rory Callum Jamie Ewan Fiona Niamh
Aoife Siobhan Ciaran Declan Eoin Sean Liam Ian Neil Graham Stuart Colin Alistair Hamish Rhys Gareth Dafydd Owain Sian Bethan Priya
Raj Arjun Vikram Ananya Aisha Fatima Omar Ahmed Ali Hassan Yusuf Mohammed Muhammad Wei Li Chen Ming Jin Hiro Kenji Yuki Akira Mei
Carlos Luis Miguel Diego Sofia Lucia Elena Isabel Ana Rosa Pedro Javier Alejandro Pablo Marco Giulia Luca Matteo Francesca Hans
Klaus Stefan Anja Katja Pierre Jean Claude Louise Camille Lars Sven Ingrid Astrid Erik Nils Olga Ivan Dmitri Natasha Tatiana Brett
Craig Glenn Marcus Derek Trevor Shane Troy Wesley Travis Dustin Chad Clayton Clinton Curtis Dale Darren Dean Dwight Earl Ernest
Floyd Franklin Fred Gordon Herbert Howard Jay Jeff Jim Joel Johnny Jon Leonard Leroy Lloyd Marvin Melvin Mike Milton Mitchell Neal
Norman Phillip Ray Rick Ricky Rodney Ron Ross Sam Stanley Steve Ted Todd Tony Tom Victor Warren Alex Ben Chris Dan Dave Ed Greg Jake
Josh Matt Nick Pete Rob Tim Will Abby Alison Allison Beth Brooke Cassandra Cindy Courtney Crystal Dana Dawn Ellen Erica Gail Holly
Jane Jill Joanne Jodi Kara Kate Katie Kristen Krista Leslie Lindsay Lynn Meredith Monica Paula Peggy Penny Rita Robin Sally Shannon
Sheila Stacy Tammy Tara Tina Tracy Valerie Vanessa Wendy Yvonne`;

const FAMILY = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas
Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott
Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz
Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly
Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders
Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera
Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells
Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon
Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels
Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos
Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman
Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins
Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin Dominguez Carr Lawson Jacobs
O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le
McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz
Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro
Figueroa Keller Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd Craig Ayala Lowe
Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris Jennings Watts Duran Walters Cohen
McDaniel Moran Parks Steele Vaughn Becker Holt Deleon Barker Terry Hale Leon Hail Benson Haynes Horton Miles Lyons Pham Graves Bush
Thornton Wolfe Warner Cabrera McKinney Mann Zimmerman Dawson Lara Fletcher Page McCarthy Love Robles Cervantes Solis Erickson Reeves
Chang Klein Salinas Fuentes Baldwin Daniel Simon Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber Bowen Ochoa
Dennis Robbins Liu Ramsey Francis Griffith Paul Blair O'Connor Cardenas Pacheco Cross Calderon Quinn Moss Swanson Chan Rivas
Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen Manning Gill Curry McLaughlin Harmon McGee Gross Doyle Garner Newton
Burgess Reese Walton Blake Trujillo Adkins Brady Goodman Roman Webster Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines
Mullins Castaneda Malone Cannon Tate Mack Sherman Hubbard Hodges Zhang Guerra Wolf Valencia Saunders Franco Rowe Gallagher Farmer
Hammond Hampton Townsend Ingram Wise Gallegos Clarke Barton Schroeder Maxwell Waters Logan Camacho Strickland Norman Person Colon
Parsons Frank Harrington Glover Osborne Buchanan Casey Floyd Patton Ibarra Ball Tyler Suarez Bowers Orozco Salas Cobb Gibbs Andrade
Bauer Conner Moody Escobar McGuire Lloyd Mueller Hartman French Kramer McBride Pope Lindsey Velazquez Norton McCormick Sparks
Flynn Yates Hogan Marsh Macias Villanueva Zamora Pratt Stokes Owen Ballard Lang Brock Villarreal Charles Drake Barrera Cain Patrick
Pineda Burnett Mercado Santana Shepherd Bautista Ali Shaffer Lamb Trevino McKenzie Hess Beil Olsen Cochran Morton Nash Wilkins
Petersen Briggs Shah Roth Nicholson Holloway Lozano Rangel Flowers Hoover Short Arias Mora Valenzuela Bryan Meyers Weiss Underwood
Bass Greer Summers Houston Carson Morrow Clayton Whitaker Decker Yoder Collier Zuniga Carey Wilcox Melendez Poole Roberson Larsen
Conley Davenport Copeland Massey Lam Huff Rocha Cameron Jefferson Hood Monroe Anthony Pittman Huynh Randall Singleton Kirk Combs
Mathis Christian Skinner Bradford Richard Galvan Wall Boone Kirby Wilkinson Bridges Bruce Atkinson Velez Meza Roy Vincent York
Hodge Villa Abbott Allison Tapia Gates Chase Sosa Sweeney Farrell Wyatt Dalton Horn Barron Phelps Yu Dickerson Heath Foley Atkins
Mathews Bonilla Acevedo Benitez Zavala Hensley Glenn Cisneros Harrell Shields Rubio Huffman Choi Boyer Garrison Arroyo Bond Kane
Hancock Callahan Dillon Cline Wiggins Grimes Arellano Melton O'Neill Savage Ho Beltran Pitts Parrish Ponce Rich Booth Koch Golden
Ware Brennan McDowell Marks Cantu Humphrey Baxter Sawyer Clay Tanner Hutchinson Kaur Berg Wiley Gilmore Russo Villegas Hobbs
Keith Wilkerson Ahmed Beard McClain Montes Mata Rosario Vang Walter Henson O'Donnell Mccall Evans Lowery Wiley`;

export const enGivenNames: ReadonlySet<string> = new Set(GIVEN.split(/\s+/).filter(Boolean));
export const enFamilyNames: ReadonlySet<string> = new Set(FAMILY.split(/\s+/).filter(Boolean));

/** Capitalised words that start sentences, name things or places, never a person. */
const NOT_NAMES = `The This That These Those There Then When Where What Which Who Why How Please Thank Thanks Dear Hello Hi Hey Regards
Best Sincerely Kind Yours Cheers Note Notes Subject Re Fwd From To Cc Bcc Date Time Meeting Minutes Agenda Attendees Action Items
Invoice Order Customer Client Account Ticket Priority Status Summary Total Amount Due Payment Item Description Quantity Price Tax
Company Corporation Corp Inc Incorporated LLC LLP Ltd Limited Group Holdings Partners Bank Trust Capital Solutions Systems Services
Technologies Technology Software Consulting Industries International Global Associates Enterprises Labs Foundation Institute
University College School Hospital Clinic Center Centre Department Office Agency Council Committee Board Team Project Program
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September October November
December Street Avenue Road Boulevard Lane Drive Court Place Suite Apt North South East West New Old Great Saint Mount Lake River
Park Hill Valley Port Fort City County State United States Kingdom America American British English Japanese Japan Tokyo London
Paris Berlin York Chicago Boston Seattle Francisco Angeles Diego Texas California Florida Washington Virginia Carolina Dakota
Jersey Hampshire Island Mexico Canada Australia Europe Asia Africa Pacific Atlantic Microsoft Google Apple Amazon Oracle Intel
Salesforce Excel Word PowerPoint Outlook Teams Zoom Slack Windows Linux Android iPhone Quarterly Annual Report Review Plan Budget
Forecast Revenue Sales Marketing Finance Legal Human Resources Operations Support Engineering Product Research Development Manager
Director President Chief Officer Executive Vice Senior Junior Lead Head Analyst Associate Assistant Intern Contractor Vendor
Supplier Provider Service Terms Conditions Policy Agreement Contract Section Article Schedule Appendix Exhibit Page Table Figure
Chapter Part Phase Step Q1 Q2 Q3 Q4 FY Yes No OK All Any Each Every Our Your Their His Her Its We You They He She It Our
If For And But Or Not As At By In On Of With Without Under Over After Before During Since Until Per Via About Following Attached
Also Today Tomorrow Yesterday Morning Afternoon Evening Best Good Great High Low First Second Third Final Next Last General Standard
Premium Basic Pro Plus Max Mini Ultra Model Version Release Update Upgrade Feature Issue Bug Error Warning Info Debug Test Demo`;

export const enNotNames: ReadonlySet<string> = new Set(NOT_NAMES.split(/\s+/).filter(Boolean));

/** Words that end an organisation's name: "Smith & Sons", "Carter Holdings". */
export const enOrgWords: ReadonlySet<string> = new Set(
  `Inc Inc. Incorporated LLC LLP Ltd Ltd. Limited Corp Corp. Corporation Co Co. Company Group Holdings Partners Bank Trust Capital
  Solutions Systems Services Technologies Software Consulting Industries International Associates Enterprises Labs Foundation
  Institute University College School Hospital Clinic Sons Brothers Bros PLC plc GmbH AG SA KK`
    .split(/\s+/)
    .filter(Boolean),
);

/** USPS street suffixes (and their abbreviations) that end a street name. */
export const streetSuffixes = `Street St Avenue Ave Road Rd Boulevard Blvd Lane Ln Drive Dr Court Ct Place Pl Square Sq Terrace Ter
Way Parkway Pkwy Highway Hwy Circle Cir Trail Trl Alley Aly Crossing Xing Junction Jct Junctions Branch Br Bridge Brg Brook Brooks
Burg Bypass Camp Canyon Cape Causeway Center Ctr Centers Cliff Cliffs Club Common Commons Corner Corners Course Courts Cove Coves
Creek Crescent Crest Curve Dale Dam Divide Drives Estate Estates Expressway Expy Extension Ext Falls Ferry Field Fields Flat Flats
Ford Fords Forest Forge Forges Fork Forks Fort Freeway Fwy Garden Gardens Gateway Glen Glens Green Greens Grove Groves Harbor Harbors
Haven Heights Hts Hill Hills Hollow Inlet Island Islands Isle Key Keys Knoll Knolls Lake Lakes Land Landing Light Lights Loaf Lock
Locks Lodge Loop Mall Manor Manors Meadow Meadows Mews Mill Mills Mission Motorway Mount Mountain Mountains Neck Orchard Oval Overpass
Park Parks Parkways Pass Passage Path Pike Pine Pines Plain Plains Plaza Plz Point Points Port Ports Prairie Radial Ramp Ranch Rapid
Rapids Rest Ridge Ridges River Roads Route Row Rue Run Shoal Shoals Shore Shores Skyway Spring Springs Spur Spurs Squares Station
Stravenue Stream Streets Summit Terrace Throughway Trace Track Trafficway Tunnel Turnpike Underpass Union Unions Valley Valleys Viaduct
View Views Village Villages Ville Vista Walk Walks Wall Ways Well Wells Close Gardens Grove Mews Row Rise Wynd`
  .split(/\s+/)
  .filter(Boolean);

export const usStates =
  `AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC
SD TN TX UT VT VA WA WV WI WY DC`
    .split(/\s+/)
    .filter(Boolean);
