// Strict, dependency-free JSON for model files (state dicts of a few MB) and test fixtures: one include for
// the value (json_value.h), the reader (json_reader.h), the writer (json_writer.h) and the field readers with
// path-naming errors (json_fields.h). Numbers are doubles; their text is io::float_format.h's, so the process
// must keep the "C" LC_NUMERIC locale (rnnlab never calls setlocale; the wasm build has only "C").
#pragma once

#include "io/json_fields.h"
#include "io/json_reader.h"
#include "io/json_value.h"
#include "io/json_writer.h"
