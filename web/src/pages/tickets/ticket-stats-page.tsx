import { Navigate } from 'react-router';

/**
 * The ticket figures now live inside 跟踪分析 (issue 14 §5), with the other statistics' filters, charts and Excel
 * export; the old address keeps working by sending the reader there, at the tickets' card.
 */
export function TicketStatsPage() {
  return <Navigate replace to="/statistics#tickets" />;
}
