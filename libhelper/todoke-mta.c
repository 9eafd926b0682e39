/* todoke-mta.c: the list of non-standard report readers, in the order tried
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-mta-private.h"
#include "todoke-mta-classic-private.h"
#include "todoke-mta-providers-private.h"

static const TodokeMta mtas[] = {
  /* Providers, services and Japanese carriers (todoke-mta-providers-private.h). */
  { "google", _todoke_mta_read_google },
  { "amazonses", _todoke_mta_read_amazonses },
  { "exchange", _todoke_mta_read_exchange },
  { "yahoo", _todoke_mta_read_yahoo },
  { "mimecast", _todoke_mta_read_mimecast },
  { "ezweb", _todoke_mta_read_ezweb },
  { "kddi", _todoke_mta_read_kddi },
  { "biglobe", _todoke_mta_read_biglobe },
  { "smtpsvc", _todoke_mta_read_smtpsvc },
  /* Classic MTAs and appliances (todoke-mta-classic-private.h): after the
   * providers, whose own readers know their reports better. Most specific
   * first: Sendmail's markers are copied by many. */
  { "amavis", _todoke_mta_read_amavis },
  { "barracuda", _todoke_mta_read_barracuda },
  { "courier", _todoke_mta_read_courier },
  { "dragonfly", _todoke_mta_read_dragonfly },
  { "fml", _todoke_mta_read_fml },
  { "gmx", _todoke_mta_read_gmx },
  { "imailserver", _todoke_mta_read_imailserver },
  { "james", _todoke_mta_read_james },
  { "mailfoundry", _todoke_mta_read_mailfoundry },
  { "mdaemon", _todoke_mta_read_mdaemon },
  { "messagingserver", _todoke_mta_read_messagingserver },
  { "mfilter", _todoke_mta_read_mfilter },
  { "notes", _todoke_mta_read_notes },
  { "opensmtpd", _todoke_mta_read_opensmtpd },
  { "powermta", _todoke_mta_read_powermta },
  { "surfcontrol", _todoke_mta_read_surfcontrol },
  { "trendmicro", _todoke_mta_read_trendmicro },
  { "verizon", _todoke_mta_read_verizon },
  { "x3", _todoke_mta_read_x3 },
  { "x6", _todoke_mta_read_x6 },
  { "zoho", _todoke_mta_read_zoho },
  { "postfix", _todoke_mta_read_postfix },
  { "exim", _todoke_mta_read_exim },
  { "qmail", _todoke_mta_read_qmail },
  { "sendmail", _todoke_mta_read_sendmail },
  { NULL, NULL },
};

const TodokeMta *
_todoke_mta_get_all (guint *n_mtas)
{
  *n_mtas = G_N_ELEMENTS (mtas) - 1;

  return mtas;
}
