/* todoke-error.c
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-error.h"

/**
 * todoke_error_quark:
 *
 * The error domain of libtodoke.
 *
 * Returns: the quark of %TODOKE_ERROR
 */
G_DEFINE_QUARK (todoke-error-quark, todoke_error)
