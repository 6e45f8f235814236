# The R peer of the crosstab-deck benchmark, one run in a fresh Rscript:
#   Rscript bench/market-research/deck.R DATA.csv [EXPORT_PREFIX]
# Reads the CSV with base R (read.csv), makes the banners B* and stubs Q* factors, then for every
# stub × banner computes what kpo's deck does:
#   unweighted: table() counts, column %, chisq.test(correct = FALSE), pooled column-proportion
#               z-tests between every pair of columns, Bonferroni within the row, as letters;
#   weighted:   survey::svytable() counts on svydesign(ids = ~1, weights = ~w), column %, the
#               Pearson X² of the table rescaled to Kish's effective n (what kpo computes; survey's
#               svychisq is Rao–Scott, another test), and the z-tests on Kish effective column bases.
# Each phase is timed inside R (proc.time); timings and memory go to stdout as one JSON line.
# With EXPORT_PREFIX the values are written to EXPORT_PREFIX-cells.csv and -tests.csv (17 digits).
# Needs the survey package: apt-get install r-cran-survey (Debian/Ubuntu), or install.packages("survey").
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
export <- if (length(args) >= 2) args[2] else NA
suppressPackageStartupMessages(library(survey))

elapsed <- function() proc.time()[["elapsed"]]
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
invisible(gc(reset = TRUE))

t0 <- elapsed(); c0 <- cpu()
d <- read.csv(file)
read_s <- elapsed() - t0; read_cpu <- cpu() - c0

t0 <- elapsed(); c0 <- cpu()
stubs <- grep("^Q[0-9]+$", names(d), value = TRUE)
banners <- grep("^B[0-9]+$", names(d), value = TRUE)
for (v in c(stubs, banners)) d[[v]] <- factor(d[[v]])
design <- svydesign(ids = ~1, weights = ~w, data = d)
w <- d$w
prepare_s <- elapsed() - t0; prepare_cpu <- cpu() - c0

# Column-proportion z-tests for every row of one table at once: pooled proportion, each pair of
# eligible columns (total > 0 and base ≥ 2), Bonferroni over the row's pairs; a cell's letters are
# the columns it is significantly higher than. Returns a rows × cols character matrix.
column_letters <- function(counts, col_totals, bases, alpha = 0.05) {
  k <- ncol(counts)
  letters_out <- matrix("", nrow(counts), k)
  eligible <- which(col_totals > 0 & bases >= 2)
  if (length(eligible) < 2) return(letters_out)
  pairs <- combn(eligible, 2)
  a <- pairs[1, ]; b <- pairs[2, ]
  p <- sweep(counts, 2, col_totals, "/")
  pa <- p[, a, drop = FALSE]; pb <- p[, b, drop = FALSE]
  na <- rep(bases[a], each = nrow(counts)); nb <- rep(bases[b], each = nrow(counts))
  pooled <- (pa * na + pb * nb) / (na + nb)
  variance <- pooled * (1 - pooled) * (1 / na + 1 / nb)
  z <- (pa - pb) / sqrt(variance)
  adjusted <- pmin(1, 2 * pnorm(-abs(z)) * ncol(pairs))
  significant <- variance > 0 & adjusted < alpha
  significant[is.na(significant)] <- FALSE
  higher_a <- significant & pa > pb # column a is higher than b
  higher_b <- significant & pb > pa
  for (col in eligible) {
    lower <- matrix(FALSE, nrow(counts), k) # lower[i, j]: col is higher than j in row i
    lower[, b[a == col]] <- higher_a[, a == col, drop = FALSE]
    lower[, a[b == col]] <- lower[, a[b == col]] | higher_b[, b == col, drop = FALSE]
    for (j in seq_len(k)) letters_out[, col] <- paste0(letters_out[, col], ifelse(lower[, j], LETTERS[j], ""))
  }
  letters_out
}

# Pearson's X² on the rows and columns with a total above zero, the table rescaled to n (Kish's
# effective n of the respondents in both bases): kpo's weighted chi-square.
pearson <- function(counts, n) {
  keep_r <- rowSums(counts) > 0; keep_c <- colSums(counts) > 0
  if (sum(keep_r) < 2 || sum(keep_c) < 2) return(c(statistic = NaN, df = NaN, p = NaN)) # no test, as chisq.test's NaN
  o <- counts[keep_r, keep_c, drop = FALSE] * (n / sum(counts))
  e <- outer(rowSums(o), colSums(o)) / n
  x2 <- sum((o - e)^2 / e)
  df <- (sum(keep_r) - 1) * (sum(keep_c) - 1)
  c(statistic = x2, df = df, p = pchisq(x2, df, lower.tail = FALSE))
}

t0 <- elapsed(); c0 <- cpu()
deck <- vector("list", length(stubs) * length(banners))
i <- 0
for (s in stubs) for (b in banners) {
  i <- i + 1
  # Unweighted.
  tab <- table(d[[s]], d[[b]])
  counts <- unclass(tab)
  chi <- suppressWarnings(chisq.test(tab, correct = FALSE))
  col_totals <- colSums(counts)
  unweighted <- list(
    counts = counts, col_pct = 100 * prop.table(tab, 2),
    chi = c(statistic = unname(chi$statistic), df = unname(chi$parameter), p = chi$p.value),
    letters = column_letters(counts, col_totals, col_totals)
  )
  # Weighted: svytable's counts; Kish bases from the respondents in both bases.
  wtab <- svytable(as.formula(paste("~", s, "+", b)), design)
  wcounts <- unclass(wtab)
  in_both <- !is.na(d[[s]]) & !is.na(d[[b]])
  sum_w2 <- rowsum(w[in_both]^2, d[[b]][in_both], reorder = TRUE)[, 1]
  wcol <- colSums(wcounts)
  kish_cols <- ifelse(sum_w2[colnames(wcounts)] > 0, wcol^2 / sum_w2[colnames(wcounts)], 0)
  kish_n <- sum(wcounts)^2 / sum(sum_w2)
  weighted <- list(
    counts = wcounts, col_pct = 100 * prop.table(wtab, 2),
    chi = pearson(wcounts, kish_n),
    letters = column_letters(wcounts, wcol, kish_cols)
  )
  deck[[i]] <- list(stub = s, banner = b, unweighted = unweighted, weighted = weighted)
}
compute_s <- elapsed() - t0; compute_cpu <- cpu() - c0

# Memory: R's own heap peak (gc's "max used", Mb) and the process's peak resident set.
mem <- gc()
r_heap_peak_mb <- sum(mem[, ncol(mem)])
peak_rss_mib <- NA
status <- "/proc/self/status"
if (file.exists(status)) {
  hwm <- grep("^VmHWM:", readLines(status), value = TRUE)
  if (length(hwm) == 1) peak_rss_mib <- as.numeric(gsub("[^0-9]", "", hwm)) / 1024
}

if (!is.na(export)) {
  num <- function(x) sprintf("%.17g", x)
  cells <- list(); tests <- list()
  for (t in deck) for (kind in c("unweighted", "weighted")) {
    x <- t[[kind]]
    rows <- rownames(x$counts); cols <- colnames(x$counts)
    cells[[length(cells) + 1]] <- data.frame(
      stub = t$stub, banner = t$banner, weighted = kind == "weighted",
      row = rep(rows, times = length(cols)), col = rep(cols, each = length(rows)),
      count = num(as.vector(x$counts)), col_pct = num(as.vector(x$col_pct)), letters = as.vector(x$letters)
    )
    tests[[length(tests) + 1]] <- data.frame(
      stub = t$stub, banner = t$banner, weighted = kind == "weighted",
      statistic = num(x$chi[["statistic"]]), df = x$chi[["df"]], p = num(x$chi[["p"]])
    )
  }
  write.csv(do.call(rbind, cells), paste0(export, "-cells.csv"), row.names = FALSE)
  write.csv(do.call(rbind, tests), paste0(export, "-tests.csv"), row.names = FALSE)
}

cat(sprintf(
  paste0('{"respondents":%d,"stubs":%d,"banners":%d,"tables":%d,"readMs":%.1f,"readCpuMs":%.1f,',
         '"prepareMs":%.1f,"prepareCpuMs":%.1f,"computeMs":%.1f,"computeCpuMs":%.1f,',
         '"rHeapPeakMiB":%.1f,"peakRssMiB":%.1f,"r":"%s","survey":"%s"}\n'),
  nrow(d), length(stubs), length(banners), 2L * length(deck),
  1000 * read_s, 1000 * read_cpu, 1000 * prepare_s, 1000 * prepare_cpu, 1000 * compute_s, 1000 * compute_cpu,
  r_heap_peak_mb, peak_rss_mib, R.version$version.string, as.character(packageVersion("survey"))
))
