import { TablePagination } from '@mui/material';

/**
 * Paging of a small table of fixed page size (imports, retention runs, row errors): shown only when
 * there is more than one page.
 */
export function FixedPager(props: { total: number; page: number; perPage: number; onPage(page: number): void }) {
  if (props.total <= props.perPage) return null;
  return (
    <TablePagination
      component="div"
      count={props.total}
      page={props.page}
      rowsPerPage={props.perPage}
      rowsPerPageOptions={[props.perPage]}
      onPageChange={(_event, next) => props.onPage(next)}
    />
  );
}
