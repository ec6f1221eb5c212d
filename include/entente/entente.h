/*
 * entente.h - the umbrella header of libentente.
 *
 * entente turns news and analysis text into a traceable record of who did
 * what to whom and when (CAMEO event data), then analyses the relations
 * between states that the record describes.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#define ENT_VERSION "0.1.0"

#include "common.h"
#include "arena.h"
#include "buf.h"
#include "utf8.h"
#include "doc.h"
#include "segment.h"
#include "parse.h"
#include "conllu.h"
#include "timex.h"
#include "event.h"
#include "dict.h"
#include "coder.h"
#include "goldeval.h"
#include "store.h"
#include "analysis.h"

#endif
