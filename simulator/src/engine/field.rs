//! One field of a resource definition: its type, flags, constraints and query permissions.

/// The schema `type` of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Float,
    Boolean,
    DateTime,
    Related,
    List,
    File,
    Dict,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Float => "float",
            FieldType::Boolean => "boolean",
            FieldType::DateTime => "datetime",
            FieldType::Related => "related",
            FieldType::List => "list",
            FieldType::File => "file",
            FieldType::Dict => "dict",
        }
    }
}

/// How a related field links to another resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// A resource URI (or null) of `target`.
    ToOne(&'static str),
    /// A list of resource URIs of `target`, stored on this side.
    ToMany(&'static str),
    /// Computed on read: the objects of `target` whose field `via` points at this object.
    Reverse {
        target: &'static str,
        via: &'static str,
        embed: Embed,
    },
}

/// How a reverse relation is rendered on read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// Full objects, `resource_uri` omitted (conference.aliases).
    Objects,
    /// Full objects without `resource_uri` nor the field that points back
    /// (conference.automatic_participants).
    ObjectsWithoutVia,
    /// Resource URIs only.
    Uris,
}

/// The field's default value, evaluated when needed (callable defaults at request time).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// No default: omitted from the schema; a non-nullable field without one is required.
    Absent,
    Null,
    Str(&'static str),
    Int(i64),
    Float(f64),
    Bool(bool),
    EmptyList,
    EmptyDict,
    /// The current time.
    Now,
    /// A fresh UUID4.
    Uuid,
}

/// Which filter specifiers a field accepts (the schema `filtering` value).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filtering {
    None,
    /// `1`: every specifier.
    All,
    /// `2`: every specifier, and lookups through the relation.
    AllWithRelations,
}

/// One field of a resource.
#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: &'static str,
    pub ftype: FieldType,
    pub relation: Option<Relation>,
    pub nullable: bool,
    pub blank: bool,
    pub default: DefaultValue,
    pub help_text: &'static str,
    pub readonly: bool,
    pub unique: bool,
    /// Accepted on write, never returned on read.
    pub write_only: bool,
    pub choices: &'static [&'static str],
    pub max_len: Option<usize>,
    pub min_len: Option<usize>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub filtering: Filtering,
    pub orderable: bool,
    /// Rendered only on a detail GET of the object itself, never in lists nor embedded
    /// (`historic_call_quality`, `bucketed_call_quality`).
    pub detail_only: bool,
    /// Internal state kept with the object: never rendered, not in the schema, not filterable.
    pub hidden: bool,
}

impl FieldDef {
    fn new(name: &'static str, ftype: FieldType, default: DefaultValue) -> Self {
        FieldDef {
            name,
            ftype,
            relation: None,
            nullable: false,
            blank: false,
            default,
            help_text: "",
            readonly: false,
            unique: false,
            write_only: false,
            choices: &[],
            max_len: None,
            min_len: None,
            min: None,
            max: None,
            filtering: Filtering::None,
            orderable: false,
            detail_only: false,
            hidden: false,
        }
    }

    /// A string with an empty-string default and a maximum length.
    pub fn text(name: &'static str, max_len: usize) -> Self {
        let mut f = Self::new(name, FieldType::String, DefaultValue::Str(""));
        f.blank = true;
        f.max_len = Some(max_len);
        f
    }
    /// A required string (no default, not blank).
    pub fn required_text(name: &'static str, max_len: usize) -> Self {
        let mut f = Self::new(name, FieldType::String, DefaultValue::Absent);
        f.max_len = Some(max_len);
        f
    }
    /// A string restricted to `choices`, defaulting to `default`.
    pub fn choice(
        name: &'static str,
        choices: &'static [&'static str],
        default: &'static str,
    ) -> Self {
        let mut f = Self::new(name, FieldType::String, DefaultValue::Str(default));
        f.choices = choices;
        f.blank = choices.contains(&"");
        f
    }
    pub fn boolean(name: &'static str, default: bool) -> Self {
        Self::new(name, FieldType::Boolean, DefaultValue::Bool(default))
    }
    pub fn integer(name: &'static str, default: DefaultValue) -> Self {
        let mut f = Self::new(name, FieldType::Integer, default);
        f.nullable = matches!(default, DefaultValue::Null);
        f
    }
    /// A float with a default (status and history figures).
    pub fn float(name: &'static str, default: f64) -> Self {
        Self::new(name, FieldType::Float, DefaultValue::Float(default))
    }
    /// A string that is the object's key (`id` of status and history objects: a UUID).
    pub fn string_id() -> Self {
        let mut f = Self::new("id", FieldType::String, DefaultValue::Str(""));
        f.readonly = true;
        f.unique = true;
        f.blank = true;
        f.help_text = "The primary key.";
        f.filtering = Filtering::All;
        f.orderable = true;
        f
    }
    /// A nullable datetime (no default).
    pub fn datetime(name: &'static str) -> Self {
        let mut f = Self::new(name, FieldType::DateTime, DefaultValue::Null);
        f.nullable = true;
        f
    }
    pub fn datetime_now(name: &'static str) -> Self {
        let mut f = Self::new(name, FieldType::DateTime, DefaultValue::Now);
        f.readonly = true;
        f
    }
    pub fn to_one(name: &'static str, target: &'static str) -> Self {
        let mut f = Self::new(name, FieldType::Related, DefaultValue::Null);
        f.relation = Some(Relation::ToOne(target));
        f.nullable = true;
        f
    }
    pub fn to_many(name: &'static str, target: &'static str) -> Self {
        let mut f = Self::new(name, FieldType::Related, DefaultValue::EmptyList);
        f.relation = Some(Relation::ToMany(target));
        f.nullable = true;
        f
    }
    pub fn reverse(
        name: &'static str,
        target: &'static str,
        via: &'static str,
        embed: Embed,
    ) -> Self {
        let mut f = Self::new(name, FieldType::Related, DefaultValue::EmptyList);
        f.relation = Some(Relation::Reverse { target, via, embed });
        f.nullable = true;
        f
    }
    pub fn id() -> Self {
        let mut f = Self::new("id", FieldType::Integer, DefaultValue::Str(""));
        f.readonly = true;
        f.unique = true;
        f.blank = true;
        f.help_text = "The primary key.";
        f.filtering = Filtering::All;
        f.orderable = true;
        f
    }
    pub fn resource_uri() -> Self {
        let mut f = Self::new("resource_uri", FieldType::String, DefaultValue::Absent);
        f.readonly = true;
        f.help_text = "The URI of this object.";
        f
    }
    pub fn of_type(name: &'static str, ftype: FieldType, default: DefaultValue) -> Self {
        let mut f = Self::new(name, ftype, default);
        f.nullable = matches!(default, DefaultValue::Null);
        f.blank = matches!(
            default,
            DefaultValue::Null | DefaultValue::Str(_) | DefaultValue::Uuid
        );
        f
    }

    // ---- chainable modifiers ----
    pub fn help(mut self, text: &'static str) -> Self {
        self.help_text = text;
        self
    }
    pub fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
    /// Required on create: not null, no default.
    pub fn required(mut self) -> Self {
        self.nullable = false;
        self.default = DefaultValue::Absent;
        self.blank = false;
        self
    }
    pub fn readonly(mut self) -> Self {
        self.readonly = true;
        self
    }
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
    pub fn write_only(mut self) -> Self {
        self.write_only = true;
        self
    }
    pub fn range(mut self, min: i64, max: i64) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self
    }
    pub fn lengths(mut self, min: usize, max: usize) -> Self {
        self.min_len = Some(min);
        self.max_len = Some(max);
        self
    }
    pub fn default_to(mut self, default: DefaultValue) -> Self {
        self.default = default;
        self
    }
    /// Filterable with every specifier (`1`) and orderable.
    pub fn query(mut self) -> Self {
        self.filtering = Filtering::All;
        self.orderable = true;
        self
    }
    /// Filterable with relations (`2`).
    pub fn query_related(mut self) -> Self {
        self.filtering = Filtering::AllWithRelations;
        self
    }
    pub fn filter_only(mut self) -> Self {
        self.filtering = Filtering::All;
        self
    }
    /// Only on a single object's detail GET (see [`FieldDef::detail_only`]).
    pub fn detail_only(mut self) -> Self {
        self.detail_only = true;
        self
    }
    /// Internal state (see [`FieldDef::hidden`]).
    pub fn hidden(mut self) -> Self {
        self.hidden = true;
        self.filtering = Filtering::None;
        self.orderable = false;
        self
    }

    pub fn is_reverse(&self) -> bool {
        matches!(self.relation, Some(Relation::Reverse { .. }))
    }
}
