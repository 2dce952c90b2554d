//! `whosaid._whosaid`: the Rust half of the Python package. It converts Python arguments to
//! whosaid's public types ([`Document`], [`Gazetteer`]), runs the library with the GIL
//! released, and hands records back as the JSON the command line writes (`serde_json`), read
//! by Python's `json.loads`: the dictionaries have the CLI's JSONL keys in the CLI's order,
//! and stay in step with [`whosaid::QuoteRecord`] without a field list here.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use rayon::prelude::*;
use serde::Serialize;

use whosaid::compare::records::record_from_json;
use whosaid::compare::{CompareOptions, Comparer};
use whosaid::{Document, Error, ErrorKind, Extractor, Options};

/// Documents handed to the workers at once by `extract_many`: large enough to keep every core
/// busy, small enough that the texts of a long iterable are not all held at once.
const CHUNK: usize = 512;

/// A whosaid error as the Python exception a caller expects: `OSError` for a file that cannot
/// be read, `ValueError` for a malformed gazetteer or record.
fn py_err(e: Error) -> PyErr {
    match e.kind() {
        ErrorKind::Io { .. } => PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// JSON text read back by Python's `json.loads`, so that numbers and key order are exactly
/// those of the command line's JSONL.
fn json_to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    from_json(py, &text)
}

fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((text,))
}

/// The pair (gazetteer, extractor) the functions run with: the built-in one unless the caller
/// passes a [`Gazetteer`].
struct Engine {
    gazetteer: whosaid::Gazetteer,
    plain: Extractor,
    all: OnceLock<Result<Extractor, String>>,
}

impl Engine {
    fn new(gazetteer: whosaid::Gazetteer) -> Result<Engine, Error> {
        let plain = Extractor::new(gazetteer.clone(), Options::default())?;
        Ok(Engine { gazetteer, plain, all: OnceLock::new() })
    }

    /// The extractor for `all` (quotes without a speaker too), built on first use.
    fn extractor(&self, all: bool) -> PyResult<&Extractor> {
        if !all {
            return Ok(&self.plain);
        }
        self.all
            .get_or_init(|| {
                Extractor::new(self.gazetteer.clone(), Options { all: true }).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| PyValueError::new_err(e.clone()))
    }
}

/// The engine over the built-in gazetteer, built once per process.
fn builtin() -> PyResult<Arc<Engine>> {
    static BUILTIN: OnceLock<Result<Arc<Engine>, String>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let gazetteer = whosaid::Gazetteer::builtin().map_err(|e| e.to_string())?;
            Engine::new(gazetteer).map(Arc::new).map_err(|e| e.to_string())
        })
        .clone()
        .map_err(PyValueError::new_err)
}

fn engine(gazetteer: Option<&Gazetteer>) -> PyResult<Arc<Engine>> {
    match gazetteer {
        Some(g) => Ok(g.engine.clone()),
        None => builtin(),
    }
}

/// What `__reduce__` returns: a function that rebuilds the object, and its arguments.
type Reduced<'py> = (Bound<'py, PyAny>, (Vec<String>, bool));

/// People, organisations and countries to recognise: the built-in gazetteer and extra CSV
/// files with the columns `id,name,kind,gender,surname,aliases,roles` (or `code,forms` for
/// countries), as `whosaid extract --gazetteer FILE` reads them.
///
/// >>> g = whosaid.Gazetteer("my-people.csv")
/// >>> whosaid.extract(text, gazetteer=g)
///
/// `builtin=False` leaves out the built-in gazetteer (only the given files are used). A
/// malformed file raises ValueError naming file, line and column; a file that cannot be read
/// raises OSError. A Gazetteer is immutable and can be shared between threads.
#[pyclass(module = "whosaid", frozen)]
struct Gazetteer {
    engine: Arc<Engine>,
    files: Vec<String>,
    builtin: bool,
}

#[pymethods]
impl Gazetteer {
    #[new]
    #[pyo3(signature = (*paths, builtin = true))]
    fn new(py: Python<'_>, paths: Vec<PathBuf>, builtin: bool) -> PyResult<Gazetteer> {
        let engine = py.detach(|| -> Result<Engine, Error> {
            let mut gazetteer =
                if builtin { whosaid::Gazetteer::builtin()? } else { whosaid::Gazetteer::empty() };
            for path in &paths {
                gazetteer.load_path(path)?;
            }
            Engine::new(gazetteer)
        });
        let files = paths.iter().map(|p| p.display().to_string()).collect();
        Ok(Gazetteer { engine: Arc::new(engine.map_err(py_err)?), files, builtin })
    }

    /// The number of people and organisations (entries) in the gazetteer.
    fn __len__(&self) -> usize {
        self.engine.gazetteer.entries().len()
    }

    /// The extra files, in load order.
    #[getter]
    fn files(&self) -> Vec<String> {
        self.files.clone()
    }

    /// Pickling (Spark ships a gazetteer to its executors this way): the files are read again
    /// where it is unpickled, so they must be readable there.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py>> {
        let rebuild = py.import("whosaid._whosaid")?.getattr("_gazetteer")?;
        Ok((rebuild, (self.files.clone(), self.builtin)))
    }

    fn __repr__(&self) -> String {
        let files: Vec<String> = self.files.iter().map(|f| format!("{f:?}")).collect();
        let mut args = files.join(", ");
        if !self.builtin {
            if !args.is_empty() {
                args.push_str(", ");
            }
            args.push_str("builtin=False");
        }
        format!("Gazetteer({args})  # {} entries", self.__len__())
    }
}

/// Rebuilds a pickled [`Gazetteer`].
#[pyfunction]
fn _gazetteer(py: Python<'_>, files: Vec<PathBuf>, builtin: bool) -> PyResult<Gazetteer> {
    Gazetteer::new(py, files, builtin)
}

/// A metadata value as text: `None` and NaN (pandas' missing value) are absent, a string is
/// itself, anything else (a number, a date) is its `str()`.
fn field(value: Option<Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        if f.value().is_nan() {
            return Ok(None);
        }
    }
    Ok(Some(value.str()?.to_cow()?.into_owned()))
}

/// One article from an item of `extract_many`: a string (the text), a dict, any mapping with
/// `get`, or a PySpark `Row`. `position` (1-based) is the default id and names the item in
/// errors.
fn document(item: &Bound<'_, PyAny>, position: usize) -> PyResult<Document> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Document::new(position.to_string(), s.to_cow()?));
    }
    let mapping = if item.hasattr("asDict")? { item.call_method0("asDict")? } else { item.clone() };
    let get = |key: &str| -> PyResult<Option<String>> {
        let value = match mapping.cast::<PyDict>() {
            Ok(d) => d.get_item(key)?,
            Err(_) if mapping.hasattr("get")? => Some(mapping.call_method1("get", (key,))?),
            Err(_) => {
                let kind = mapping.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "document {position}: expected a dict with a `text` key or a string, got {kind}"
                )));
            }
        };
        field(value)
    };
    let text = match mapping.cast::<PyDict>().ok().and_then(|d| d.get_item("text").ok().flatten()) {
        Some(t) if t.cast::<PyString>().is_ok() => get("text")?,
        Some(t) if !t.is_none() => {
            return Err(PyTypeError::new_err(format!("document {position}: `text` must be a string")))
        }
        _ => get("text")?,
    };
    let Some(text) = text else {
        return Err(PyValueError::new_err(format!("document {position}: no `text`")));
    };
    let id = get("id")?.filter(|id| !id.is_empty()).unwrap_or_else(|| position.to_string());
    let mut doc = Document::new(id, text);
    (doc.outlet, doc.date, doc.url, doc.title) = (get("outlet")?, get("date")?, get("url")?, get("title")?);
    Ok(doc)
}

/// Extracts every document of a chunk in parallel, each document's records as one JSON array.
fn extract_chunk(extractor: &Extractor, docs: &[Document]) -> Vec<String> {
    docs.par_iter()
        .map(|doc| serde_json::to_string(&extractor.extract(doc)).expect("records serialize"))
        .collect()
}

/// Every quotation in one article, with its speaker: a list of dicts with the keys and order
/// of `whosaid extract --format jsonl` (doc, outlet, paragraph, start, end, quote, kind,
/// speaker, speaker_id, role, known_role, cue, method, mention, confidence).
///
/// `id` becomes each record's `doc` ("1" when not given). `outlet`, `date`, `url` and `title`
/// are the article's metadata, as in a JSONL input line; without `outlet`, the outlet is
/// detected from the text (a dateline, a copyright line). `gazetteer` adds people
/// (see `Gazetteer`). `all=True` also returns quoted spans with no speaker (scare quotes,
/// titles), like `--all`.
///
/// >>> whosaid.extract("“We urge restraint,” said Antony Blinken.")[0]["speaker"]
/// 'Antony Blinken'
#[pyfunction]
#[pyo3(signature = (text, *, id = None, outlet = None, date = None, url = None, title = None, gazetteer = None, all = false))]
#[allow(clippy::too_many_arguments)]
fn extract<'py>(
    py: Python<'py>,
    text: String,
    id: Option<String>,
    outlet: Option<String>,
    date: Option<String>,
    url: Option<String>,
    title: Option<String>,
    gazetteer: Option<&Gazetteer>,
    all: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let engine = engine(gazetteer)?;
    let extractor = engine.extractor(all)?;
    let id = id.filter(|id| !id.is_empty()).unwrap_or_else(|| "1".to_owned());
    // Field by field, so that fields added to Document later keep their defaults here.
    let mut doc = Document::new(id, text);
    (doc.outlet, doc.date, doc.url, doc.title) = (outlet, date, url, title);
    let records = py.detach(|| extractor.extract(&doc));
    json_to_py(py, &records)
}

/// The quotations of many articles, extracted in parallel with the GIL released: one flat
/// list of record dicts (as `extract` gives), in input order.
///
/// `docs` is any iterable of dicts with a `text` key and optional `id`, `outlet`, `date`,
/// `url`, `title` (the fields of a JSONL input line), of PySpark `Row`s with those fields, or
/// of plain strings (texts). A missing `id` is the item's 1-based position. An item without
/// text raises ValueError naming its position. `threads` is the number of worker threads
/// (default: all cores).
#[pyfunction]
#[pyo3(signature = (docs, threads = None, *, gazetteer = None, all = false))]
fn extract_many<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    threads: Option<usize>,
    gazetteer: Option<&Gazetteer>,
    all: bool,
) -> PyResult<Bound<'py, PyList>> {
    let engine = engine(gazetteer)?;
    let extractor = engine.extractor(all)?;
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyOSError::new_err(e.to_string()))?,
        ),
        None => None,
    };
    let out = PyList::empty(py);
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut position = 0;
    let mut items = docs.try_iter()?;
    loop {
        let item = items.next().transpose()?;
        if let Some(item) = &item {
            position += 1;
            chunk.push(document(item, position)?);
        }
        if chunk.len() == CHUNK || (item.is_none() && !chunk.is_empty()) {
            let arrays = py.detach(|| match &pool {
                Some(pool) => pool.install(|| extract_chunk(extractor, &chunk)),
                None => extract_chunk(extractor, &chunk),
            });
            for array in arrays {
                for record in from_json(py, &array)?.try_iter()? {
                    out.append(record?)?;
                }
            }
            chunk.clear();
        }
        if item.is_none() {
            return Ok(out);
        }
    }
}

/// Groups the quotes of several documents that report the same statement, like
/// `whosaid compare --records`: a list of group dicts with the keys of
/// `whosaid compare --format jsonl` (relation, similarity, flags, members with their
/// word-level differences). Only groups with quotes from two documents or more are returned.
///
/// `records_json` is a JSON array of records (the Python wrapper `whosaid.compare` makes it
/// from dicts or a DataFrame). Records without a speaker are left out unless `all`.
#[pyfunction]
#[pyo3(signature = (records_json, *, min_similarity = 0.6, gazetteer = None, all = false))]
fn compare_json<'py>(
    py: Python<'py>,
    records_json: &str,
    min_similarity: f64,
    gazetteer: Option<&Gazetteer>,
    all: bool,
) -> PyResult<Bound<'py, PyAny>> {
    if !(0.0..=1.0).contains(&min_similarity) {
        return Err(PyValueError::new_err(format!("min_similarity {min_similarity} is not between 0 and 1")));
    }
    let engine = engine(gazetteer)?;
    let groups = py.detach(|| -> Result<String, Error> {
        let values: Vec<serde_json::Value> = serde_json::from_str(records_json)
            .map_err(|e| Error::input("records", e.line() as u64, format!("not a JSON array: {e}")))?;
        let mut records = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            records.push(record_from_json(value, "record", i as u64 + 1)?);
        }
        if !all {
            records.retain(|r| !r.speaker.is_empty());
        }
        let options = CompareOptions { min_similarity, ..CompareOptions::default() };
        let groups = Comparer::new(Some(&engine.gazetteer), options).compare(&records);
        Ok(serde_json::to_string(&groups).expect("groups serialize"))
    });
    from_json(py, &groups.map_err(py_err)?)
}

/// The native module; `whosaid/__init__.py` re-exports it with the pure-Python helpers.
#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(compare_json, m)?)?;
    m.add_function(wrap_pyfunction!(_gazetteer, m)?)?;
    m.add_class::<Gazetteer>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
