/* todoke.h: the one header to include
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define TODOKE_INSIDE
# include "todoke-version.h"
# include "todoke-types.h"
# include "todoke-enum-types.h"
# include "todoke-error.h"
# include "todoke-rule-set.h"
# include "todoke-guide.h"
# include "todoke-diagnosis.h"
# include "todoke-classifier.h"
# include "todoke-finding.h"
# include "todoke-probe.h"
#undef TODOKE_INSIDE
