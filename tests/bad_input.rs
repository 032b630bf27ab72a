//! Every kind of bad input gives its stable code at the right place: one row per rule.

mod common;

use common::{Fixture, POLICY};
use dormplan::catalogue::Lang;
use dormplan::diag::{Code, Location, Problem};
use dormplan::io::{load_scenario, load_variants};
use std::path::Path;

/// Where a problem should be.
#[derive(Debug, Clone, Copy)]
enum At {
    File,
    Line(u64),
    Feature(usize),
    Key(&'static str),
}

impl At {
    fn matches(self, loc: &Location) -> bool {
        match self {
            At::File => *loc == Location::File,
            At::Line(n) => *loc == Location::Line(n),
            At::Feature(i) => *loc == Location::Feature(i),
            At::Key(k) => loc.key() == Some(k),
        }
    }
}

struct Case {
    name: &'static str,
    setup: fn(Fixture) -> Fixture,
    code: Code,
    file: &'static str,
    at: At,
    field: Option<&'static str>,
}

const SITES_GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.201, 30.201]},
  "properties": {"id": "S1", "name": "A", "town": "330282001", "kind": "migrant_apartment",
                 "status": "existing", "gross_m2": 1000}},
 {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[121.30, 30.20], [121.31, 30.20], [121.31, 30.21], [121.30, 30.20]]]},
  "properties": {"id": "S2", "name": "B", "town": "Yizhen", "kind": "migrant_apartment",
                 "status": "existing", "gross_m2": 500}}
]}"#;

fn geojson_sites(f: Fixture) -> Fixture {
    f.set("sites.geojson", SITES_GEOJSON)
        .edit("scenario.toml", "sites.csv", "sites.geojson")
}

/// A square of about 10 km around 甲镇 (121.20, 30.20): S1 and D1 inside, 乙镇's S2, S3 and D2
/// about 5 km east of it.
const SQUARE_AROUND_JIAZHEN: &str = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"name": "square"}, "geometry": {"type": "Polygon",
  "coordinates": [[[121.15, 30.15], [121.25, 30.15], [121.25, 30.25], [121.15, 30.25], [121.15, 30.15]]]}}
]}"#;

fn with_boundary(f: Fixture, boundary: &str) -> Fixture {
    f.set("boundary.geojson", boundary).edit(
        "scenario.toml",
        "demand = \"demand.csv\"",
        "demand = \"demand.csv\"\nboundary = \"boundary.geojson\"",
    )
}

fn with_policy(f: Fixture) -> Fixture {
    f.set("policy.toml", POLICY).edit(
        "scenario.toml",
        "demand = \"demand.csv\"",
        "demand = \"demand.csv\"\npolicy = \"policy.toml\"",
    )
}

fn with_matrix(f: Fixture, rows: &str) -> Fixture {
    f.set("costs.csv", format!("demand_id,site_id,cost\n{rows}"))
        .append(
            "scenario.toml",
            "\n[allocation]\ncost_matrix = \"costs.csv\"\n",
        )
}

const S1: &str =
    "S1,Alpha apartments,330282001,migrant_apartment,existing,1000,800,,121.201,30.201";

fn site1(f: Fixture, to: &str) -> Fixture {
    f.edit("sites.csv", S1, to)
}

const CASES: &[Case] = &[
    Case {
        name: "a data file that does not exist",
        setup: |f| f.remove("towns.csv"),
        code: Code::FILE_UNREADABLE,
        file: "towns.csv",
        at: At::File,
        field: None,
    },
    Case {
        name: "a GBK export is not UTF-8",
        setup: |f| {
            let (gbk, _, _) = encoding_rs::GBK.encode(common::SITES);
            f.set("sites.csv", gbk)
        },
        code: Code::NOT_UTF8,
        file: "sites.csv",
        at: At::Line(3),
        field: None,
    },
    Case {
        name: "a required column is missing",
        setup: |f| {
            f.set(
                "towns.csv",
                "code,name_zh,lon,lat\n330282001,甲镇,121.2,30.2\n",
            )
        },
        code: Code::MISSING_COLUMN,
        file: "towns.csv",
        at: At::Line(1),
        field: Some("name_en"),
    },
    Case {
        name: "a row with too few fields",
        setup: |f| f.edit("sites.csv", "S2,Beta dorm,乙镇,", "S2,Beta dorm,"),
        code: Code::CSV_MALFORMED,
        file: "sites.csv",
        at: At::Line(3),
        field: None,
    },
    Case {
        name: "GeoJSON that is not JSON",
        setup: |f| {
            geojson_sites(f).set(
                "sites.geojson",
                "{\"type\": \"FeatureCollection\",\n\"features\": [,]}",
            )
        },
        code: Code::GEOJSON_MALFORMED,
        file: "sites.geojson",
        at: At::Line(2),
        field: None,
    },
    Case {
        name: "GeoJSON properties that differ only in case",
        setup: |f| {
            geojson_sites(f).edit(
                "sites.geojson",
                "\"gross_m2\": 500",
                "\"gross_m2\": 500, \"GROSS_M2\": 900000",
            )
        },
        code: Code::GEOJSON_MALFORMED,
        file: "sites.geojson",
        at: At::Feature(1),
        field: Some("gross_m2"),
    },
    Case {
        name: "a NUL inside a GeoJSON id",
        setup: |f| {
            geojson_sites(f).edit("sites.geojson", "\"id\": \"S2\"", "\"id\": \"S\\u00002\"")
        },
        code: Code::BAD_TEXT,
        file: "sites.geojson",
        at: At::Feature(1),
        field: Some("id"),
    },
    Case {
        name: "a NUL inside a CSV id",
        setup: |f| site1(f, &S1.replacen("S1", "S\x001", 1)),
        code: Code::BAD_TEXT,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("id"),
    },
    Case {
        name: "a line break inside a quoted name",
        setup: |f| {
            site1(
                f,
                &S1.replacen("Alpha apartments", "\"Alpha\napartments\"", 1),
            )
        },
        code: Code::CSV_MALFORMED,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("name"),
    },
    Case {
        name: "a 20,000-byte name",
        setup: |f| site1(f, &S1.replacen("Alpha apartments", &"x".repeat(20_000), 1)),
        code: Code::BAD_TEXT,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("name"),
    },
    Case {
        name: "GeoJSON that is not a FeatureCollection",
        setup: |f| {
            geojson_sites(f).set(
                "sites.geojson",
                r#"{"type": "Point", "coordinates": [121.2, 30.2]}"#,
            )
        },
        code: Code::GEOJSON_MALFORMED,
        file: "sites.geojson",
        at: At::File,
        field: None,
    },
    Case {
        name: "a scenario that is not TOML",
        setup: |f| f.edit("scenario.toml", "[data]", "[data"),
        code: Code::TOML_MALFORMED,
        file: "scenario.toml",
        at: At::Line(3),
        field: None,
    },
    Case {
        name: "an empty required value",
        setup: |f| {
            site1(
                f,
                "S1,,330282001,migrant_apartment,existing,1000,800,,121.201,30.201",
            )
        },
        code: Code::MISSING_VALUE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("name"),
    },
    Case {
        name: "text where a number belongs",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000 m2,800,,121.201,30.201",
            )
        },
        code: Code::NOT_A_NUMBER,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("gross_m2"),
    },
    Case {
        name: "NaN is not a number of square metres",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,NaN,800,,121.201,30.201",
            )
        },
        code: Code::NOT_FINITE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("gross_m2"),
    },
    Case {
        name: "zero gross area",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,0,,,121.201,30.201",
            )
        },
        code: Code::NOT_POSITIVE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("gross_m2"),
    },
    Case {
        name: "an absurd gross area",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,5000000,,,121.201,30.201",
            )
        },
        code: Code::ABSURD_VALUE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("gross_m2"),
    },
    Case {
        name: "negative beds",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,-5,121.201,30.201",
            )
        },
        code: Code::NEGATIVE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("beds"),
    },
    Case {
        name: "half a bed",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,2.5,121.201,30.201",
            )
        },
        code: Code::NOT_WHOLE_NUMBER,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("beds"),
    },
    Case {
        name: "more than one bed per 2 m²",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,401,121.201,30.201",
            )
        },
        code: Code::ABSURD_VALUE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("beds"),
    },
    Case {
        name: "a site id used twice",
        setup: |f| f.edit("sites.csv", "S2,Beta", "S1,Beta"),
        code: Code::DUPLICATE_ID,
        file: "sites.csv",
        at: At::Line(3),
        field: Some("id"),
    },
    Case {
        name: "a town the towns file does not define",
        setup: |f| {
            site1(
                f,
                "S1,A,330282999,migrant_apartment,existing,1000,800,,121.201,30.201",
            )
        },
        code: Code::UNKNOWN_TOWN,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("town"),
    },
    Case {
        name: "an unknown site kind",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,dormitory,existing,1000,800,,121.201,30.201",
            )
        },
        code: Code::UNKNOWN_KIND,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("kind"),
    },
    Case {
        name: "an unknown site status",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,planned,1000,800,,121.201,30.201",
            )
        },
        code: Code::UNKNOWN_STATUS,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("status"),
    },
    Case {
        name: "an unknown expert review state",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,expert_review,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,1000,approved,121.2,30.2\n",
            )
        },
        code: Code::UNKNOWN_VALUE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("expert_review"),
    },
    Case {
        name: "a yes/no value that is neither",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,safety_ok,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,1000,maybe,121.2,30.2\n",
            )
        },
        code: Code::UNKNOWN_VALUE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("safety_ok"),
    },
    Case {
        name: "safety_ok contradicting fire_safe",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,safety_ok,fire_safe,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,1000,yes,no,121.2,30.2\n",
            )
        },
        code: Code::CONTRADICTORY_VALUES,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("fire_safe"),
    },
    Case {
        name: "an area that rounds down to nothing",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,0.00001,121.2,30.2\n",
            )
        },
        code: Code::NOT_POSITIVE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("gross_m2"),
    },
    Case {
        name: "latitude beyond 90 degrees",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,,30.2,121.2",
            )
        },
        code: Code::COORD_OUT_OF_RANGE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("lon,lat"),
    },
    Case {
        name: "a GeoJSON line is not a place",
        setup: |f| {
            geojson_sites(f).set(
                "sites.geojson",
                SITES_GEOJSON.replacen(
                    r#"{"type": "Point", "coordinates": [121.201, 30.201]}"#,
                    r#"{"type": "LineString", "coordinates": [[121.2, 30.2], [121.3, 30.2]]}"#,
                    1,
                ),
            )
        },
        code: Code::BAD_GEOMETRY,
        file: "sites.geojson",
        at: At::Feature(0),
        field: Some("geometry"),
    },
    Case {
        name: "a GeoJSON property out of range names its feature",
        setup: |f| {
            geojson_sites(f).set(
                "sites.geojson",
                SITES_GEOJSON.replacen("\"gross_m2\": 500", "\"gross_m2\": -500", 1),
            )
        },
        code: Code::NOT_POSITIVE,
        file: "sites.geojson",
        at: At::Feature(1),
        field: Some("gross_m2"),
    },
    Case {
        name: "residential area above gross",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,1200,,121.201,30.201",
            )
        },
        code: Code::RESIDENTIAL_ABOVE_GROSS,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("residential_m2"),
    },
    Case {
        name: "a conversion without converted_from",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,rental_conversion,existing,1000,800,,121.201,30.201",
            )
        },
        code: Code::CONVERSION_WITHOUT_SOURCE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("converted_from"),
    },
    Case {
        name: "a completion year before 1950",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,completed_year,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,1000,1900,121.2,30.2\n",
            )
        },
        code: Code::YEAR_OUT_OF_RANGE,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("completed_year"),
    },
    Case {
        name: "started after completion",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,started_year,completed_year,lon,lat\n\
                 S1,A,330282001,rental_new_build,existing,1000,2022,2021,121.2,30.2\n",
            )
        },
        code: Code::START_AFTER_COMPLETION,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("started_year"),
    },
    Case {
        name: "a misspelt scenario key",
        setup: |f| f.append("scenario.toml", "\n[allocation]\ncutof_km = 5\n"),
        code: Code::UNKNOWN_KEY,
        file: "scenario.toml",
        at: At::Key("allocation.cutof_km"),
        field: Some("cutof_km"),
    },
    Case {
        name: "a setting of the wrong type",
        setup: |f| {
            f.edit(
                "scenario.toml",
                "usable_ratio = 0.8",
                "usable_ratio = \"high\"",
            )
        },
        code: Code::BAD_SETTING,
        file: "scenario.toml",
        at: At::Key("standard.usable_ratio"),
        field: Some("usable_ratio"),
    },
    Case {
        name: "a usable ratio above one",
        setup: |f| f.edit("scenario.toml", "usable_ratio = 0.8", "usable_ratio = 1.2"),
        code: Code::BAD_SETTING,
        file: "scenario.toml",
        at: At::Key("standard.usable_ratio"),
        field: Some("usable_ratio"),
    },
    Case {
        name: "a scenario without its sites file",
        setup: |f| f.edit("scenario.toml", "sites = \"sites.csv\"\n", ""),
        code: Code::MISSING_SETTING,
        file: "scenario.toml",
        at: At::Key("data.sites"),
        field: Some("sites"),
    },
    Case {
        name: "an unknown coordinate system",
        setup: |f| f.edit("scenario.toml", "[data]", "[data]\ncrs = \"bd09\""),
        code: Code::UNKNOWN_VALUE,
        file: "scenario.toml",
        at: At::Key("data.crs"),
        field: Some("crs"),
    },
    Case {
        name: "an unknown status to include",
        setup: |f| {
            f.append(
                "scenario.toml",
                "include_status = [\"existing\", \"built\"]\n",
            )
        },
        code: Code::UNKNOWN_STATUS,
        file: "scenario.toml",
        at: At::Key("standard.include_status[1]"),
        field: Some("include_status[1]"),
    },
    Case {
        name: "one town's minimum given twice, by code and by pinyin name",
        setup: |f| {
            f.append(
                "scenario.toml",
                "\n[plan]\nmin_beds = { \"330282001\" = 10, \"jiazhen\" = 20 }\n",
            )
        },
        code: Code::DUPLICATE_ID,
        file: "scenario.toml",
        at: At::Key("plan.min_beds.jiazhen"),
        field: Some("jiazhen"),
    },
    Case {
        name: "a town reference that is one town's code and another's name",
        setup: |f| {
            f.set(
                "towns.csv",
                "code,name_zh,name_en,lon,lat\n\
                 330282001,甲镇,Jiazhen,121.20,30.20\n\
                 330282002,乙镇,330282001,121.30,30.20\n",
            )
        },
        code: Code::AMBIGUOUS_TOWN,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("town"),
    },
    Case {
        name: "minimum beds for an unknown town",
        setup: |f| {
            f.append(
                "scenario.toml",
                "\n[plan]\nmin_beds = { \"330282999\" = 10 }\n",
            )
        },
        code: Code::UNKNOWN_TOWN,
        file: "scenario.toml",
        at: At::Key("plan.min_beds.330282999"),
        field: Some("330282999"),
    },
    Case {
        name: "a negative standard in a variant",
        setup: |f| {
            f.append(
                "scenario.toml",
                "\n[[variant]]\nname = \"bad\"\nstandard = { plan_m2_per_person = -1 }\n",
            )
        },
        code: Code::NOT_POSITIVE,
        file: "scenario.toml",
        at: At::Key("variant[0].standard.plan_m2_per_person"),
        field: Some("plan_m2_per_person"),
    },
    Case {
        name: "an unknown key in the second variant",
        setup: |f| {
            f.append(
                "scenario.toml",
                "\n[[variant]]\nname = \"a\"\n\n[[variant]]\nname = \"b\"\nallocation = { k = 3 }\n",
            )
        },
        code: Code::UNKNOWN_KEY,
        file: "scenario.toml",
        at: At::Key("variant[1].allocation.k"),
        field: Some("k"),
    },
    Case {
        name: "two variants with one name",
        setup: |f| {
            f.append(
                "scenario.toml",
                "\n[[variant]]\nname = \"a\"\n[[variant]]\nname = \"a\"\n",
            )
        },
        code: Code::DUPLICATE_ID,
        file: "scenario.toml",
        at: At::Key("variant[1]"),
        field: Some("variant[1]"),
    },
    Case {
        name: "a policy rate for an unknown kind",
        setup: |f| {
            with_policy(f).set(
                "policy.toml",
                POLICY.replace("rates.rental_new_build", "rates.new_build"),
            )
        },
        code: Code::UNKNOWN_KIND,
        file: "policy.toml",
        at: At::Key("programme[0].rates.new_build"),
        field: Some("new_build"),
    },
    Case {
        name: "a policy window that ends before it starts",
        setup: |f| with_policy(f).set("policy.toml", POLICY.replace("to = 2022", "to = 2019")),
        code: Code::BAD_SETTING,
        file: "policy.toml",
        at: At::Key("programme[0].years.to"),
        field: Some("to"),
    },
    Case {
        name: "a policy key that does not exist",
        setup: |f| {
            with_policy(f).set(
                "policy.toml",
                POLICY.replace("require_expert_review", "require_review"),
            )
        },
        code: Code::UNKNOWN_KEY,
        file: "policy.toml",
        at: At::Key("programme[0].require_review"),
        field: Some("require_review"),
    },
    Case {
        name: "a cost matrix naming an unknown group",
        setup: |f| with_matrix(f, "D9,S1,100\n"),
        code: Code::UNKNOWN_ID,
        file: "costs.csv",
        at: At::Line(2),
        field: Some("demand_id"),
    },
    Case {
        name: "a cost matrix pair given twice",
        setup: |f| with_matrix(f, "D1,S1,100\nD1,S1,120\n"),
        code: Code::DUPLICATE_ID,
        file: "costs.csv",
        at: At::Line(3),
        field: Some("demand_id,site_id"),
    },
    Case {
        name: "a negative cost",
        setup: |f| with_matrix(f, "D1,S1,-3\n"),
        code: Code::NEGATIVE,
        file: "costs.csv",
        at: At::Line(2),
        field: Some("cost"),
    },
    Case {
        name: "an unclosed quote is named, not counted as extra fields",
        setup: |f| site1(f, &S1.replacen("Alpha apartments", "\"Alpha apartments", 1)),
        code: Code::CSV_MALFORMED,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("name"),
    },
    Case {
        name: "a self-intersecting polygon",
        setup: |f| {
            geojson_sites(f).edit(
                "sites.geojson",
                "[[[121.30, 30.20], [121.31, 30.20], [121.31, 30.21], [121.30, 30.20]]]",
                "[[[121.30, 30.20], [121.31, 30.21], [121.31, 30.20], [121.30, 30.21], [121.30, 30.20]]]",
            )
        },
        code: Code::BAD_GEOMETRY,
        file: "sites.geojson",
        at: At::Feature(1),
        field: Some("geometry"),
    },
    Case {
        name: "a polygon of two distinct points",
        setup: |f| {
            geojson_sites(f).edit(
                "sites.geojson",
                "[[[121.30, 30.20], [121.31, 30.20], [121.31, 30.21], [121.30, 30.20]]]",
                "[[[121.30, 30.20], [121.31, 30.20], [121.30, 30.20]]]",
            )
        },
        code: Code::BAD_GEOMETRY,
        file: "sites.geojson",
        at: At::Feature(1),
        field: Some("geometry"),
    },
    Case {
        name: "a point with one coordinate is a bad geometry, not a malformed file",
        setup: |f| geojson_sites(f).edit("sites.geojson", "[121.201, 30.201]", "[121.201]"),
        code: Code::BAD_GEOMETRY,
        file: "sites.geojson",
        at: At::Feature(0),
        field: Some("geometry"),
    },
    Case {
        name: "a policy with no programme is a warning in check",
        setup: |f| {
            with_policy(f).set(
                "policy.toml",
                "name = \"Standard only\"\n[standard]\nmin_m2_per_person = 8\n",
            )
        },
        code: Code::NO_PROGRAMME,
        file: "policy.toml",
        at: At::File,
        field: None,
    },
    Case {
        name: "a group of zero people",
        setup: |f| f.edit("demand.csv", "D2,330282002,30", "D2,330282002,0"),
        code: Code::NOT_POSITIVE,
        file: "demand.csv",
        at: At::Line(3),
        field: Some("people"),
    },
    Case {
        name: "a group id used twice",
        setup: |f| f.edit("demand.csv", "D2,", "D1,"),
        code: Code::DUPLICATE_ID,
        file: "demand.csv",
        at: At::Line(3),
        field: Some("id"),
    },
    Case {
        name: "a town code used twice",
        setup: |f| f.edit("towns.csv", "330282002,乙镇", "330282001,乙镇"),
        code: Code::DUPLICATE_ID,
        file: "towns.csv",
        at: At::Line(3),
        field: Some("code"),
    },
    Case {
        name: "over-occupied declared beds are a warning",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,120,121.201,30.201",
            )
        },
        code: Code::OVER_OCCUPIED,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("beds"),
    },
    Case {
        name: "a misspelt optional column is a warning",
        setup: |f| {
            f.set(
                "sites.csv",
                "id,name,town,kind,status,gross_m2,residental_m2,lon,lat\n\
                 S1,A,330282001,migrant_apartment,existing,1000,800,121.2,30.2\n",
            )
        },
        code: Code::UNKNOWN_COLUMN,
        file: "sites.csv",
        at: At::Line(1),
        field: Some("residental_m2"),
    },
    Case {
        name: "a site far from its town",
        setup: |f| {
            site1(
                f,
                "S1,A,330282001,migrant_apartment,existing,1000,800,,121.9,30.2",
            )
        },
        code: Code::FAR_FROM_TOWN,
        file: "sites.csv",
        at: At::Line(2),
        field: Some("lon,lat"),
    },
    Case {
        name: "a site outside the boundary layer",
        setup: |f| with_boundary(f, SQUARE_AROUND_JIAZHEN),
        code: Code::OUTSIDE_BOUNDARY,
        file: "sites.csv",
        at: At::Line(3),
        field: Some("lon,lat"),
    },
    Case {
        name: "a demand group outside the boundary layer",
        setup: |f| with_boundary(f, SQUARE_AROUND_JIAZHEN),
        code: Code::OUTSIDE_BOUNDARY,
        file: "demand.csv",
        at: At::Line(3),
        field: Some("lon,lat"),
    },
    Case {
        name: "a boundary layer of points",
        setup: |f| {
            with_boundary(
                f,
                r#"{"type": "FeatureCollection", "features": [
                 {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [121.2, 30.2]}}]}"#,
            )
        },
        code: Code::BAD_GEOMETRY,
        file: "boundary.geojson",
        at: At::Feature(0),
        field: Some("geometry"),
    },
    Case {
        name: "a boundary layer without features",
        setup: |f| with_boundary(f, r#"{"type": "FeatureCollection", "features": []}"#),
        code: Code::BAD_GEOMETRY,
        file: "boundary.geojson",
        at: At::File,
        field: None,
    },
    Case {
        name: "a boundary layer that is not a FeatureCollection",
        setup: |f| with_boundary(f, r#"{"type": "Polygon", "coordinates": []}"#),
        code: Code::GEOJSON_MALFORMED,
        file: "boundary.geojson",
        at: At::File,
        field: None,
    },
    Case {
        name: "a boundary layer in an unknown crs",
        setup: |f| {
            with_boundary(f, SQUARE_AROUND_JIAZHEN).edit(
                "scenario.toml",
                "boundary = \"boundary.geojson\"",
                "boundary = \"boundary.geojson\"\nboundary_crs = \"bd09\"",
            )
        },
        code: Code::UNKNOWN_VALUE,
        file: "scenario.toml",
        at: At::Key("data.boundary_crs"),
        field: Some("boundary_crs"),
    },
    Case {
        name: "a boundary datum without a boundary layer",
        setup: |f| {
            f.edit(
                "scenario.toml",
                "demand = \"demand.csv\"",
                "demand = \"demand.csv\"\nboundary_crs = \"gcj02\"",
            )
        },
        code: Code::BAD_SETTING,
        file: "scenario.toml",
        at: At::Key("data.boundary_crs"),
        field: Some("boundary_crs"),
    },
    Case {
        name: "planning below the policy floor",
        setup: |f| {
            f.edit(
                "scenario.toml",
                "plan_m2_per_person = 9.0",
                "plan_m2_per_person = 7.5",
            )
        },
        code: Code::STANDARD_OUTSIDE_POLICY,
        file: "scenario.toml",
        at: At::Key("standard.plan_m2_per_person"),
        field: Some("plan_m2_per_person"),
    },
    Case {
        name: "a demand file with no rows",
        setup: |f| f.set("demand.csv", "id,town,people,lon,lat\n"),
        code: Code::EMPTY_FILE,
        file: "demand.csv",
        at: At::File,
        field: None,
    },
];

/// Every problem of the scenario at `path`: its base and its variants.
fn problems_of(path: &Path) -> Vec<Problem> {
    let mut all = match load_scenario(path) {
        Ok(l) => l.warnings.0,
        Err(p) => p.0,
    };
    if let Err(p) = load_variants(path) {
        all.extend(p.0);
    }
    all
}

#[test]
fn each_bad_input_has_its_code_and_place() {
    assert!(CASES.len() >= 35);
    let mut failures = Vec::new();
    for case in CASES {
        let fixture = (case.setup)(Fixture::new());
        let problems = problems_of(&fixture.write());
        let hit = problems.iter().any(|p| {
            p.code == case.code
                && p.file.file_name().and_then(|n| n.to_str()) == Some(case.file)
                && case.at.matches(&p.location)
                && p.field.as_deref() == case.field
        });
        if !hit {
            let list: Vec<String> = problems.iter().map(|p| format!("    {p}")).collect();
            failures.push(format!(
                "{}: expected {} in {} at {:?} field {:?}; got\n{}",
                case.name,
                case.code,
                case.file,
                case.at,
                case.field,
                list.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Each bad input's problems in Chinese: every word a Chinese planner reads is Chinese, but
/// for quoted values, names and the parsers' own messages.
#[test]
fn each_bad_input_reads_in_chinese() {
    let mut failures = Vec::new();
    for case in CASES {
        let fixture = (case.setup)(Fixture::new());
        for p in problems_of(&fixture.write()) {
            let line = p.line(Lang::Zh);
            if let Some(words) = common::english_prose(&line) {
                failures.push(format!(
                    "{}: English words {words:?} in\n    {line}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_unchanged_fixture_has_no_problem() {
    let f = Fixture::new();
    let loaded = load_scenario(&f.write()).expect("the fixture loads");
    assert!(loaded.warnings.0.is_empty(), "{}", loaded.warnings);
    assert_eq!(loaded.scenario.dataset.sites.len(), 3);
    // S2 names its town by Chinese name, S3 by pinyin in lower case.
    assert_eq!(loaded.scenario.dataset.sites[1].town, 1);
    assert_eq!(loaded.scenario.dataset.sites[2].town, 1);
}

#[test]
fn every_problem_in_one_run() {
    // Four files, four errors: all reported together, even with a broken scenario and a
    // broken towns file.
    let f = Fixture::new()
        .edit("sites.csv", "S2,Beta", "S1,Beta")
        .edit("demand.csv", "D2,330282002,30", "D2,330282002,-1")
        .edit("towns.csv", "121.30,30.20", "121.30,95")
        .append("scenario.toml", "\n[allocation]\nnearest = 3\n");
    let problems = load_scenario(&f.write()).expect_err("bad input loaded");
    let found: Vec<(Code, String)> = problems
        .errors()
        .map(|p| {
            (
                p.code,
                p.file.file_name().unwrap().to_string_lossy().into_owned(),
            )
        })
        .collect();
    for (code, file) in [
        (Code::COORD_OUT_OF_RANGE, "towns.csv"),
        (Code::DUPLICATE_ID, "sites.csv"),
        (Code::NOT_POSITIVE, "demand.csv"),
        (Code::UNKNOWN_KEY, "scenario.toml"),
    ] {
        assert!(
            found.contains(&(code, file.to_string())),
            "{code} in {file} missing from\n{problems}"
        );
    }
    // The rejected town is not reported again for each site and group that names it.
    assert!(
        !found.iter().any(|(c, _)| *c == Code::UNKNOWN_TOWN),
        "{problems}"
    );
}

#[test]
fn geojson_sites_polygons_and_gcj02_are_read() {
    let f = geojson_sites(Fixture::new()).edit(
        "scenario.toml",
        "[data]",
        "[data]\nsites_crs = \"gcj02\"",
    );
    let loaded = load_scenario(&f.write()).expect("loads");
    let sites = &loaded.scenario.dataset.sites;
    assert_eq!(sites.len(), 2);
    // The polygon's centroid (before the datum shift) is at ≈(121.3067, 30.2033); GCJ-02 →
    // WGS84 moves points in Cixi a few hundred metres west-south-west.
    let p = sites[1].location;
    assert!(
        (121.29..121.31).contains(&p.x()) && (30.19..30.21).contains(&p.y()),
        "{p:?}"
    );
    assert!(p.x() < 121.3067, "not shifted: {p:?}");
    assert_eq!(sites[1].town, 1);
}

#[test]
fn variants_override_the_base() {
    let f = Fixture::new().append(
        "scenario.toml",
        "\n[[variant]]\nname = \"ten\"\nstandard = { plan_m2_per_person = 10 }\n\n\
         [[variant]]\nname = \"growth\"\ndemand_growth = 1.5\n",
    );
    let variants = load_variants(&f.write()).expect("loads");
    assert_eq!(variants.len(), 2);
    let ten = &variants[0].scenario;
    assert_eq!(ten.variant.as_deref(), Some("ten"));
    assert_eq!(ten.settings.standard.plan.to_string(), "10");
    // Deep merge: the base's usable ratio survives the override of [standard].
    assert_eq!(ten.settings.standard.usable_ratio.fraction(), 0.8);
    let growth = &variants[1].scenario;
    assert_eq!(growth.settings.standard.plan.to_string(), "9");
    assert_eq!(growth.settings.demand_growth, 1.5);
}

#[test]
fn a_policy_sets_the_range_and_the_default_plan() {
    let f = with_policy(Fixture::new())
        .edit("scenario.toml", "plan_m2_per_person = 9.0\n", "")
        .set(
            "policy.toml",
            POLICY
                .replace("min_m2_per_person = 8", "min_m2_per_person = 8.5")
                .replace("max_m2_per_person = 10", "max_m2_per_person = 12"),
        );
    let loaded = load_scenario(&f.write()).expect("loads");
    let st = &loaded.scenario.settings.standard;
    assert_eq!(st.floor.to_string(), "8.5");
    assert_eq!(st.ceiling.to_string(), "12");
    assert_eq!(st.plan, st.floor, "the plan standard defaults to the floor");
    assert!(loaded.scenario.policy.is_some());
}

#[test]
fn the_cost_matrix_is_validated_and_sorted() {
    let f = with_matrix(Fixture::new(), "D2,S1,300\nD1,S2,200\nD1,S1,100\n");
    let loaded = load_scenario(&f.write()).expect("loads");
    let m = loaded.cost_matrix.expect("a matrix");
    assert_eq!(
        m.iter().collect::<Vec<_>>(),
        vec![(0, 0, 100), (0, 1, 200), (1, 0, 300)]
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn load_with(name: &str, bytes: &[u8]) {
        let f = Fixture::new().set(name, bytes);
        let path = f.write();
        // Only the absence of a panic is asserted: any outcome is fine.
        let _ = load_scenario(&path);
        let _ = load_variants(&path);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn arbitrary_bytes_as_csv_do_not_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            load_with("sites.csv", &bytes);
        }

        #[test]
        fn arbitrary_csv_like_text_does_not_panic(
            rows in proptest::collection::vec("[a-zA-Z0-9_,.\"\\- 镇]{0,60}", 0..8)
        ) {
            let text = format!("{}\n{}", common::SITES.lines().next().unwrap_or(""), rows.join("\n"));
            load_with("sites.csv", text.as_bytes());
        }

        #[test]
        fn arbitrary_toml_like_text_does_not_panic(
            lines in proptest::collection::vec("[a-z_\\[\\]=\". 0-9{}-]{0,40}", 0..10)
        ) {
            let text = format!("{}\n{}", common::SCENARIO, lines.join("\n"));
            load_with("scenario.toml", text.as_bytes());
        }

        #[test]
        fn arbitrary_policy_text_does_not_panic(s in "\\PC{0,300}") {
            let f = with_policy(Fixture::new()).set("policy.toml", s.as_bytes());
            let _ = load_scenario(&f.write());
        }

        #[test]
        fn arbitrary_geojson_like_text_does_not_panic(s in "[{}\\[\\]\":,a-zA-Z0-9. -]{0,300}") {
            let f = geojson_sites(Fixture::new()).set("sites.geojson", s.as_bytes());
            let _ = load_scenario(&f.write());
        }
    }
}

#[test]
fn a_pair_given_again_is_named_where_it_repeats_with_where_it_was_first() {
    let f = with_matrix(
        Fixture::new(),
        "D1,S1,100\nD2,S1,5\n D1 ,S1,120\nD1,S2,7\nD1,S1,abc\n",
    );
    let problems = load_scenario(&f.write()).expect_err("a repeated pair");
    let repeats: Vec<&Problem> = problems
        .errors()
        .filter(|p| p.code == Code::DUPLICATE_ID)
        .collect();
    let lines: Vec<&Location> = repeats.iter().map(|p| &p.location).collect();
    assert_eq!(
        lines,
        [&Location::Line(4), &Location::Line(6)],
        "{problems}"
    );
    for p in repeats {
        assert_eq!(p.found, "D1,S1");
        assert!(p.expected.to_string().contains("first at line 2"), "{p}");
    }
    // The bad cost of the last repeat is named too.
    assert!(
        problems
            .errors()
            .any(|p| p.code == Code::NOT_A_NUMBER && p.location == Location::Line(6)),
        "{problems}"
    );
}

#[test]
fn a_cost_matrix_may_be_a_geojson_table() {
    let feature = |d: &str, s: &str, cost: &str| {
        format!(
            r#"{{"type": "Feature", "geometry": null, "properties": {{"demand_id": "{d}", "site_id": "{s}", "cost": {cost}}}}}"#
        )
    };
    let matrix = |features: &[String]| {
        format!(
            r#"{{"type": "FeatureCollection", "features": [{}]}}"#,
            features.join(",")
        )
    };
    let f = Fixture::new()
        .set(
            "costs.json",
            matrix(&[feature("D2", "S1", "300"), feature("D1", "S2", "\"200\"")]),
        )
        .append(
            "scenario.toml",
            "\n[allocation]\ncost_matrix = \"costs.json\"\n",
        );
    let loaded = load_scenario(&f.write()).expect("loads");
    let m = loaded.cost_matrix.expect("a matrix");
    assert_eq!(m.iter().collect::<Vec<_>>(), [(0, 1, 200), (1, 0, 300)]);

    let f = f.set(
        "costs.json",
        matrix(&[
            feature("D2", "S1", "300"),
            feature("D9", "S1", "1"),
            feature("D2", "S1", "400"),
        ]),
    );
    let problems = load_scenario(&f.write()).expect_err("bad rows");
    let found: Vec<(Code, &Location)> = problems.errors().map(|p| (p.code, &p.location)).collect();
    assert_eq!(
        found,
        [
            (Code::UNKNOWN_ID, &Location::Feature(1)),
            (Code::DUPLICATE_ID, &Location::Feature(2)),
        ],
        "{problems}"
    );
    assert!(
        problems.to_string().contains("first at feature #0"),
        "{problems}"
    );
}

#[test]
fn geojson_towns_are_located_by_their_polygons() {
    let towns = r#"{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"code": "330282001", "name_zh": "甲镇", "name_en": "Jiazhen", "kind": "town"},
  "geometry": {"type": "Polygon", "coordinates": [[[121.15, 30.15], [121.25, 30.15], [121.25, 30.25], [121.15, 30.25], [121.15, 30.15]]]}},
 {"type": "Feature", "properties": {"code": 330282002, "name_zh": "乙镇", "name_en": "Yizhen"},
  "geometry": {"type": "MultiPolygon", "coordinates": [[[[121.25, 30.15], [121.35, 30.15], [121.35, 30.25], [121.25, 30.25], [121.25, 30.15]]]]}}
]}"#;
    let f = Fixture::new().set("towns.geojson", towns).edit(
        "scenario.toml",
        "towns.csv",
        "towns.geojson",
    );
    let loaded = load_scenario(&f.write()).expect("loads");
    let t = &loaded.scenario.dataset.towns;
    assert_eq!(t[1].code, "330282002", "a numeric property is read as text");
    assert!((t[0].centroid.x() - 121.20).abs() < 1e-9 && (t[0].centroid.y() - 30.20).abs() < 1e-9);
    assert!((t[1].centroid.x() - 121.30).abs() < 1e-9);
    assert!(t[0].polygon.is_some() && t[1].polygon.is_some());
}
