// Every differentiable op, for code that builds models from primitives.
#pragma once
#include "core/ops_conv.h"
#include "core/ops_linalg.h"
#include "core/ops_pointwise.h"
#include "core/ops_pool.h"
#include "core/ops_reduce.h"
#include "core/ops_shape.h"
