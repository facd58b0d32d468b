//! The inventory (`kataster inventory`): a table for people, Markdown for a merge request
//! comment, JSON for programs.

use crate::check::inventory::{Inventory, Row};

/// How the inventory is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InventoryFormat {
    Table,
    Markdown,
    Json,
}

impl InventoryFormat {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "table" => Some(Self::Table),
            "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

const HEADERS: [&str; 9] = [
    "app",
    "stage",
    "namespace",
    "component",
    "owner",
    "cluster",
    "project",
    "groups",
    "version",
];

fn cells(row: &Row) -> [String; 9] {
    let list = |items: &[String]| items.join(", ");
    [
        row.app.clone().unwrap_or_default(),
        row.stage.clone().unwrap_or_default(),
        row.namespace.clone(),
        list(&row.components),
        list(&row.owners),
        list(&row.clusters),
        list(&row.projects),
        list(&row.groups),
        list(&row.versions),
    ]
}

pub fn render(inventory: &Inventory, format: InventoryFormat) -> String {
    match format {
        InventoryFormat::Json => {
            let mut text = serde_json::to_string_pretty(inventory).unwrap_or_default();
            text.push('\n');
            text
        }
        InventoryFormat::Markdown => markdown(inventory),
        InventoryFormat::Table => table(inventory),
    }
}

fn markdown(inventory: &Inventory) -> String {
    let escape = |cell: &str| {
        if cell.is_empty() {
            "–".to_owned()
        } else {
            cell.replace('|', "\\|")
        }
    };
    let mut out = format!(
        "| {} |\n|{}\n",
        HEADERS.join(" | "),
        "---|".repeat(HEADERS.len())
    );
    for row in &inventory.rows {
        let cells = cells(row).map(|cell| escape(&cell));
        out.push_str("| ");
        out.push_str(&cells.join(" | "));
        out.push_str(" |\n");
    }
    out
}

fn table(inventory: &Inventory) -> String {
    if inventory.rows.is_empty() {
        return "no namespace found: no Component with a namespace annotation, no Argo CD Application\n".to_owned();
    }
    let rows: Vec<[String; 9]> = inventory
        .rows
        .iter()
        .map(|row| {
            cells(row).map(|cell| {
                if cell.is_empty() {
                    "-".to_owned()
                } else {
                    cell
                }
            })
        })
        .collect();
    let widths: Vec<usize> = (0..HEADERS.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .chain([HEADERS[column].len()])
                .max()
                .unwrap_or_default()
        })
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&HEADERS.map(str::to_uppercase));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inventory() -> Inventory {
        Inventory {
            rows: vec![Row {
                app: Some("phippy".into()),
                stage: Some("prd".into()),
                namespace: "ap-phippy-prd".into(),
                components: vec!["component:default/phippy".into()],
                owners: vec!["phippy-devs".into()],
                applications: vec!["phippy-prd".into()],
                projects: vec!["phippy".into()],
                groups: vec!["phippy-devs".into(), "a|b".into()],
                clusters: vec!["cluster-prd".into()],
                versions: vec![],
            }],
        }
    }

    #[test]
    fn renders_a_table_and_markdown() {
        let table = render(&inventory(), InventoryFormat::Table);
        assert_eq!(
            table.lines().next().unwrap(),
            "APP     STAGE  NAMESPACE      COMPONENT                 OWNER        CLUSTER      PROJECT  GROUPS            VERSION"
        );
        assert!(
            table
                .lines()
                .nth(1)
                .unwrap()
                .ends_with("phippy-devs, a|b  -")
        );
        let markdown = render(&inventory(), InventoryFormat::Markdown);
        assert!(
            markdown.contains("| phippy-devs, a\\|b | – |"),
            "{markdown}"
        );
    }
}
