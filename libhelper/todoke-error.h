/* todoke-error.h
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(TODOKE_INSIDE) && !defined(TODOKE_COMPILATION)
# error "Only <todoke.h> can be included directly."
#endif

#include "todoke-types.h"

G_BEGIN_DECLS

#define TODOKE_ERROR (todoke_error_quark ())

/**
 * TodokeError:
 * @TODOKE_ERROR_INVALID_INPUT: the input is too large or cannot be read at all
 * @TODOKE_ERROR_NOT_A_BOUNCE: the message is readable but reports no delivery problem
 * @TODOKE_ERROR_INVALID_DATA: rule or guide data failed validation
 *
 * Errors of the %TODOKE_ERROR domain. A failure Todoke cannot explain is not
 * an error: it is a diagnosis with the reason `undefined`.
 */
typedef enum
{
  TODOKE_ERROR_INVALID_INPUT,
  TODOKE_ERROR_NOT_A_BOUNCE,
  TODOKE_ERROR_INVALID_DATA,
} TodokeError;

TODOKE_AVAILABLE_IN_ALL
GQuark todoke_error_quark (void);

G_END_DECLS
