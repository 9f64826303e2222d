import { Fragment, useState, type ReactNode } from 'react';
import { IconButton, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useTranslate } from 'react-admin';

export interface Column<R> {
  /** Catalogue key of the header. */
  label: string;
  render: (row: R) => ReactNode;
  /** A narrow column that does not wrap (dates, codes). */
  nowrap?: boolean;
}

export interface SimpleTableProps<R> {
  rows: readonly R[];
  columns: Array<Column<R>>;
  rowKey: (row: R) => string;
  /** Catalogue key of the text shown when there is no row. */
  empty: string;
  testId: string;
  /** A row's details, opened by a toggle at the start of the row. */
  expand?: (row: R) => ReactNode;
}

/**
 * A read-only table of what the customer page already holds (contracts, factors, messages, ...): no
 * paging or sorting, no navigation on click. Each row carries `data-testid="<testId>-row"` and
 * `data-key` for tests and for people inspecting the page.
 */
export const SimpleTable = <R,>({ rows, columns, rowKey, empty, testId, expand }: SimpleTableProps<R>) => {
  const translate = useTranslate();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid={`${testId}-empty`}>
        {translate(empty)}
      </Typography>
    );
  }
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <TableContainer>
      <Table size="small" data-testid={testId}>
        <TableHead>
          <TableRow>
            {expand && <TableCell padding="checkbox" />}
            {columns.map((column) => (
              <TableCell key={column.label} sx={{ whiteSpace: 'nowrap' }}>
                {translate(column.label)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const key = rowKey(row);
            const expanded = open.has(key);
            return (
              <Fragment key={key}>
                <TableRow data-testid={`${testId}-row`} data-key={key} sx={expand && expanded ? { '& > td': { borderBottom: 'unset' } } : undefined}>
                  {expand && (
                    <TableCell padding="checkbox">
                      <IconButton
                        size="small"
                        aria-expanded={expanded}
                        aria-label={translate(expanded ? 'ikou.common.collapse' : 'ra.action.expand')}
                        onClick={() => toggle(key)}
                        data-testid={`${testId}-expand`}
                      >
                        {expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
                      </IconButton>
                    </TableCell>
                  )}
                  {columns.map((column) => (
                    <TableCell key={column.label} sx={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {column.render(row)}
                    </TableCell>
                  ))}
                </TableRow>
                {expand && expanded && (
                  <TableRow data-testid={`${testId}-details`} data-key={key}>
                    <TableCell colSpan={columns.length + 1}>{expand(row)}</TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
